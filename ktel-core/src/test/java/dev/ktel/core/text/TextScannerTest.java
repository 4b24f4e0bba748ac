package dev.ktel.core.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TextScannerTest {

    private static TextScanner scan(String sep, String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return new TextScanner(sep).reset("/proc/test", b, b.length);
    }

    @Test
    void splitsLinesAndFields() {
        TextScanner s = scan(" \t:", "  eth0: 12 34\tx\n\nlo:5 6\n");
        assertThat(s.nextLine()).isTrue();
        assertThat(s.fieldCount()).isEqualTo(4);
        assertThat(s.fieldEquals(0, "eth0")).isTrue();
        assertThat(s.unsigned(1, "rx")).isEqualTo(12);
        assertThat(s.nextLine()).isTrue();
        assertThat(s.fieldCount()).isZero();
        assertThat(s.nextLine()).isTrue();
        assertThat(s.string(0, new StringCache())).isEqualTo("lo");
        assertThat(s.lineNumber()).isEqualTo(3);
        assertThat(s.nextLine()).isFalse();
    }

    @Test
    void parsesNumbers() {
        TextScanner s = scan(" ", "18446744073709551615 -42 0.25 -1.5 0x1f 00000abc 3.0e2\n");
        s.nextLine();
        assertThat(s.unsigned(0, "u64")).isEqualTo(Long.MAX_VALUE);
        assertThat(s.signed(1, "i")).isEqualTo(-42);
        assertThat(s.decimal(2, "d")).isEqualTo(0.25);
        assertThat(s.decimal(3, "d")).isEqualTo(-1.5);
        assertThat(s.hex(4, "h")).isEqualTo(31);
        assertThat(s.hex(5, "h")).isEqualTo(0xabc);
        assertThat(s.decimal(6, "e")).isEqualTo(300.0);
    }

    @Test
    void errorsNameSourceLineFieldAndValue() {
        TextScanner s = scan(" ", "ok 1\nsda 12 -1\n");
        s.nextLine();
        s.nextLine();
        assertThatThrownBy(() -> s.unsigned(2, "reads_merged"))
                .isInstanceOf(ProcParseException.class)
                .hasMessage("/proc/test:2: field 3 (reads_merged): expected unsigned integer, got \"-1\"");
        assertThatThrownBy(() -> s.unsigned(5, "x")).hasMessageContaining("/proc/test:2: field 6: missing");
    }

    @Test
    void stringCacheReturnsSameInstanceForSameBytes() {
        StringCache c = new StringCache(16);
        byte[] a = "xx sda yy".getBytes();
        byte[] b = "sda".getBytes();
        String s1 = c.get(a, 3, 6);
        assertThat(c.get(b, 0, 3)).isSameAs(s1).isEqualTo("sda");
        for (int i = 0; i < 1000; i++) { // overflow clears, never breaks
            byte[] k = ("dev" + i).getBytes();
            assertThat(c.get(k, 0, k.length)).isEqualTo("dev" + i);
        }
    }
}
