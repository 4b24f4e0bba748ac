package dev.ktel.collectors.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ktel.core.text.ProcParseException;
import dev.ktel.core.text.StringCache;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SysfsValueTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "'60\n'|60", "'-5\n'|-5", "'0x8380\n'|33664", "'0X10'|16", "'010\n'|8", "'0b101'|5", "'0o17'|15",
        "'  42  \n'|42", "'0\n'|0", "'+7'|7",
    })
    void integersWithGoBasePrefixes(String text, long expected) {
        byte[] data = b(text);
        assertThat(SysfsValue.integer("/sys/class/watchdog/watchdog0/timeout", data, data.length))
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "'abc\n'|expected integer, got \"abc\"", "''|expected integer", "'0x\n'|expected integer",
        "'99999999999999999999'|out of range", "'08'|expected integer",
    })
    void rejectsNonIntegersNamingTheFile(String text, String expected) {
        byte[] data = b(text);
        assertThatThrownBy(() -> SysfsValue.integer("/sys/x/timeout", data, data.length))
                .isInstanceOf(ProcParseException.class)
                .hasMessageStartingWith("/sys/x/timeout:1: value: ")
                .hasMessageContaining(expected);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {"'3\n'|3", "'18446744073709551615'|9223372036854775807"})
    void unsignedCounts(String text, long expected) {
        byte[] data = b(text);
        assertThat(SysfsValue.unsigned("ce_count", data, data.length)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {"'-1\n'", "'1.5'", "''"})
    void unsignedRejects(String text) {
        byte[] data = b(text);
        assertThatThrownBy(() -> SysfsValue.unsigned("/sys/mc0/ce_count", data, data.length))
                .isInstanceOf(ProcParseException.class)
                .hasMessageStartingWith("/sys/mc0/ce_count:1: value: expected unsigned integer");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {"'Software Watchdog\n'|Software Watchdog", "'\n'|''", "' Li-ion \n'|Li-ion"})
    void trimmedText(String text, String expected) {
        byte[] data = b(text);
        assertThat(SysfsValue.text(data, data.length, new StringCache())).isEqualTo(expected);
    }
}
