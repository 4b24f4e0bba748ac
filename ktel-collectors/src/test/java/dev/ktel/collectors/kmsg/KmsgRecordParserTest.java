package dev.ktel.collectors.kmsg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ktel.core.text.ProcParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KmsgRecordParserTest {

    @Test
    void parsesPrefixAndMessage() {
        KmsgRecord r = KmsgRecordParser.parse("6,809,1746627409,-;segv_demo[18786]: segfault at 0 ip 000055e3b360e132\n");
        assertThat(r.facility()).isZero();
        assertThat(r.level()).isEqualTo(6);
        assertThat(r.seq()).isEqualTo(809);
        assertThat(r.tsUsec()).isEqualTo(1_746_627_409L);
        assertThat(r.flag()).isEqualTo('-');
        assertThat(r.message()).isEqualTo("segv_demo[18786]: segfault at 0 ip 000055e3b360e132");
        assertThat(r.dictionary()).isEmpty();
    }

    @Test
    void facilityAndLevelFromPriority() {
        // user space writing to /dev/kmsg: facility user (1), level notice (5) -> prio 13
        KmsgRecord r = KmsgRecordParser.parse("13,5,100,-;systemd[1]: started\n");
        assertThat(r.facility()).isEqualTo(1);
        assertThat(r.level()).isEqualTo(5);
        assertThat(r.priority()).isEqualTo(13);
    }

    @Test
    void dictionaryContinuationLines() {
        KmsgRecord r = KmsgRecordParser.parse("6,195,258595,-;acpi PNP0A08:00: _OSC: OS supports [ASPM]\n"
                + " SUBSYSTEM=acpi\n DEVICE=+acpi:PNP0A08:00\n");
        assertThat(r.message()).isEqualTo("acpi PNP0A08:00: _OSC: OS supports [ASPM]");
        assertThat(r.dictionary()).containsExactly(Map.entry("SUBSYSTEM", "acpi"),
                Map.entry("DEVICE", "+acpi:PNP0A08:00"));
    }

    @ParameterizedTest
    @CsvSource({"c,c", "+,+", "-,-"})
    void continuationFlags(String flag, char expected) {
        KmsgRecord r = KmsgRecordParser.parse("4,7,100," + flag + ";part\n");
        assertThat(r.flag()).isEqualTo(expected);
    }

    @Test
    void futureFieldsAfterFlagsAreIgnored() {
        // the ABI allows more comma-separated fields before ';' (e.g. caller id on some kernels)
        KmsgRecord r = KmsgRecordParser.parse("6,10,2000,-,caller=T42;hello\n");
        assertThat(r.seq()).isEqualTo(10);
        assertThat(r.message()).isEqualTo("hello");
    }

    @Test
    void escapesAreDecoded() {
        KmsgRecord r = KmsgRecordParser.parse("6,730,1379773337,-;max there\\x0a\n");
        assertThat(r.message()).isEqualTo("max there\n");
        assertThat(KmsgRecordParser.parse("6,1,1,-;back\\\\slash \\xZZ\n").message()).isEqualTo("back\\\\slash \\xZZ");
    }

    @Test
    void messageMayContainSemicolonsAndCommas() {
        KmsgRecord r = KmsgRecordParser.parse("6,1,1,-;a;b,c\n");
        assertThat(r.message()).isEqualTo("a;b,c");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "6,809,1746627409,x;segfault|/dev/kmsg:809: flags: expected one of '-', 'c', '+'",
        "x,809,1746627409,-;msg|/dev/kmsg:3: priority: expected unsigned integer, got \"x\"",
        "6,80a,1746627409,-;msg|/dev/kmsg:3: sequence: expected unsigned integer, got \"80a\"",
        "6,809,17466-27409,-;msg|/dev/kmsg:809: timestamp: expected unsigned integer",
        "6,809;msg|/dev/kmsg:809: prefix: expected prio,seq,ts_usec,flags",
        "6,809,1746627409,-segfault|/dev/kmsg:3: prefix: missing ';' after the record prefix",
        "no prefix at all|/dev/kmsg:3: prefix: missing ';' after the record prefix",
        "6,809,5,-;msg\\n BROKEN|/dev/kmsg:809: dictionary: expected KEY=VALUE, got \"BROKEN\"",
    })
    void malformedRecordsNameTheSourceSequenceAndField(String record, String message) {
        byte[] b = record.replace("\\n", "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThatThrownBy(() -> KmsgRecordParser.parse(b, 0, b.length, 3))
                .isInstanceOf(ProcParseException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void parseAllSkipsAndCollectsMalformedRecords() {
        List<ProcParseException> errors = new ArrayList<>();
        List<KmsgRecord> rs = KmsgRecordParser.parseAll("6,1,10,-;one\n SUBSYSTEM=pci\ngarbage\n6,3,30,-;three\n",
                errors);
        assertThat(rs).extracting(KmsgRecord::seq).containsExactly(1L, 3L);
        assertThat(rs.getFirst().dictionary()).containsEntry("SUBSYSTEM", "pci");
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.source()).isEqualTo("/dev/kmsg");
            assertThat(e.line()).isEqualTo(3);
            assertThat(e.field()).isEqualTo("prefix");
        });
    }
}
