package dev.ktel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktel.collectors.CollectorRegistry;
import dev.ktel.server.Server;
import dev.ktel.server.StoreRetention;
import dev.ktel.store.TsdbSeriesStore;
import dev.ktel.store.api.Matcher;
import dev.ktel.store.api.SampleIterator;
import dev.ktel.store.api.SelectHints;
import dev.ktel.store.api.Series;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ktel tsdb import}: a generated file comes back through the store; a broken one fails naming file:line. */
class TsdbImportCommandTest {
    @TempDir
    Path dir;

    private int run(StringWriter err, String... args) {
        CommandLine cl = Main.newCommandLine(CollectorRegistry.discover());
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        return cl.execute(args);
    }

    @Test
    void importedSamplesAreQueryableFromTheDataDir() throws Exception {
        Path om = dir.resolve("in.om");
        StringBuilder sb = new StringBuilder("# TYPE demo_bytes gauge\n");
        long t0 = 1_700_000_000L; // 5 hours at 15 s, two series
        int steps = 5 * 240;
        for (int s = 0; s < 2; s++) {
            for (int i = 0; i < steps; i++) {
                sb.append("demo_bytes{dev=\"d").append(s).append("\"} ").append(i * 10 + s).append(' ')
                        .append(t0 + i * 15L).append('\n');
            }
        }
        Files.writeString(om, sb.append("# EOF\n").toString());
        StringWriter err = new StringWriter();
        assertThat(run(err, "tsdb", "import", "--openmetrics", om.toString(), "--data-dir", dir.resolve("d").toString()))
                .as(err.toString()).isZero();
        try (TsdbSeriesStore store = Server.openStore(dir.resolve("d"), StoreRetention.DEFAULT)) {
            List<Series> got = store.select(Long.MIN_VALUE, Long.MAX_VALUE, Matcher.metricName("demo_bytes"));
            assertThat(got).hasSize(2);
            SampleIterator it = got.get(1).iterator();
            int n = 0;
            while (it.next()) {
                assertThat(it.t()).isEqualTo((t0 + n * 15L) * 1000);
                assertThat(it.v()).isEqualTo(n * 10 + 1);
                n++;
            }
            assertThat(n).isEqualTo(steps);
            List<Series> hourly = store.select(t0 * 1000, (t0 + steps * 15L) * 1000,
                    SelectHints.step(3_600_000, "max_over_time"), Matcher.eq("dev", "d0"));
            SampleIterator h = hourly.getFirst().iterator();
            assertThat(h.next()).isTrue();
            assertThat(h.v()).as("1 h tier max of the first hour").isPositive();
        }
    }

    @Test
    void aBrokenLineFailsWithFileAndLine() throws Exception {
        Path om = dir.resolve("bad.om");
        Files.writeString(om, "demo 1 1700000000\ndemo{x=\"1\" 2 1700000015\n# EOF\n");
        StringWriter err = new StringWriter();
        int code = run(err, "tsdb", "import", "--openmetrics", om.toString(), "--data-dir", dir.resolve("d").toString());
        assertThat(code).isNotZero();
        assertThat(err.toString()).contains(om + ":2:");
    }
}
