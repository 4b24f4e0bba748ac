package dev.ktel.collectors.cgroup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktel.core.text.ParseErrors;
import dev.ktel.core.text.ProcParseException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CgroupParsersTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void flatKeyedKeepsAskedKeysSkipsOthersAndReportsBadValues() {
        FlatKeyedParser p = new FlatKeyedParser("nr_periods", "nr_throttled", "throttled_time");
        long[] out = new long[3];
        byte[] in = b("nr_periods 20\nnr_throttled 18\nthrottled_time 1790000000\nnr_bursts 0\nfuture_key 7\n");
        p.parse("cpu.stat", in, in.length, out, ParseErrors.THROW);
        assertThat(out).containsExactly(20, 18, 1790000000L);

        List<ProcParseException> errors = new ArrayList<>();
        in = b("nr_periods x\nnr_throttled\n");
        p.parse("cpu.stat", in, in.length, out, errors::add);
        assertThat(out).containsExactly(-1, -1, -1);
        assertThat(errors).extracting(Throwable::getMessage).containsExactly(
                "cpu.stat:1: field 2 (nr_periods): expected unsigned integer, got \"x\"",
                "cpu.stat:2: line: expected \"nr_throttled VALUE\", got \"nr_throttled\"");
    }

    @Test
    void pressureTotalsAndMissingFullLine() {
        PressureParser p = new PressureParser();
        byte[] in = b("some avg10=27.69 avg60=12.09 avg300=7.12 total=40769722\n"
                + "full avg10=0.00 avg60=0.00 avg300=0.00 total=12\n");
        p.parse("cpu.pressure", in, in.length, ParseErrors.THROW);
        assertThat(p.someTotalMicros).isEqualTo(40769722);
        assertThat(p.fullTotalMicros).isEqualTo(12);
        in = b("some avg10=0.00 avg60=0.00 avg300=0.00 total=5\n");
        p.parse("cpu.pressure", in, in.length, ParseErrors.THROW);
        assertThat(p.fullTotalMicros).isEqualTo(-1);

        List<ProcParseException> errors = new ArrayList<>();
        in = b("some avg10=0.00 total=-3\nfull avg10=0.00\n");
        p.parse("io.pressure", in, in.length, errors::add);
        assertThat(errors).extracting(Throwable::getMessage).anySatisfy(
                m -> assertThat(m).startsWith("io.pressure:1: field 3 (total)"));
        assertThat(errors).extracting(Throwable::getMessage).anySatisfy(
                m -> assertThat(m).startsWith("io.pressure:2: line: no total= field"));
    }

    @Test
    void blkioV1SkipsTotalAndReportsShortLines() {
        IoStatParser p = new IoStatParser();
        IoStatParser.Rows rows = new IoStatParser.Rows();
        byte[] in = b("254:0 Read 4096\n254:0 Write 8192\n254:0 Sync 0\n254:0 Async 12288\n254:0 Discard 0\n"
                + "254:0 Total 12288\nTotal 12288\n");
        p.parseBlkio("blkio.throttle.io_service_bytes", in, in.length, rows, ParseErrors.THROW);
        assertThat(rows.count).isEqualTo(6);
        assertThat(rows.major[0]).isEqualTo(254);
        assertThat(rows.operation[1]).isEqualTo("Write");
        assertThat(rows.value[1]).isEqualTo(8192);

        List<ProcParseException> errors = new ArrayList<>();
        in = b("254:0 Read\n8:x Write 1\n");
        p.parseBlkio("blkio.throttle.io_serviced", in, in.length, rows, errors::add);
        assertThat(rows.count).isZero();
        assertThat(errors).extracting(Throwable::getMessage).containsExactly(
                "blkio.throttle.io_serviced:1: line: expected \"MAJOR:MINOR OPERATION VALUE\", got \"254:0 Read\"",
                "blkio.throttle.io_serviced:2: field 2 (minor): expected unsigned integer, got \"x\"");
    }

    @Test
    void ioStatV2SplitsBytesAndIosAndSkipsUnknownKeys() {
        IoStatParser p = new IoStatParser();
        IoStatParser.Rows bytes = new IoStatParser.Rows();
        IoStatParser.Rows ios = new IoStatParser.Rows();
        byte[] in = b("8:16 rbytes=1459200 wbytes=314773504 rios=192 wios=353 dbytes=0 dios=0 "
                + "cost.vrate=100.00 cost.usage=1\n253:0 rbytes=x wbytes=5 rios=1 wios=2\n");
        List<ProcParseException> errors = new ArrayList<>();
        p.parseIoStat("io.stat", in, in.length, bytes, ios, errors::add);
        assertThat(bytes.count).isEqualTo(4);
        assertThat(bytes.operation[0]).isEqualTo("Read");
        assertThat(bytes.value[1]).isEqualTo(314773504L);
        assertThat(ios.count).isEqualTo(5);
        assertThat(ios.value[0]).isEqualTo(192);
        assertThat(errors).singleElement().satisfies(
                e -> assertThat(e.getMessage()).startsWith("io.stat:2: field 3 (Read): expected KEY=<unsigned"));
    }
}
