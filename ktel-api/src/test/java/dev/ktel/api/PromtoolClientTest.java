package dev.ktel.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Debian's {@code promtool query} (Prometheus' own Go client, 2.42) against the API on loopback: it posts forms,
 * falls back to GET on 405 and decodes every response with Prometheus' client types, so a wrong shape fails here.
 */
class PromtoolClientTest {
    static final Path PROMTOOL = Path.of("/usr/bin/promtool");
    static ApiFixture fx;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isExecutable(PROMTOOL), "promtool not installed (Debian package prometheus)");
        fx = new ApiFixture();
        PrometheusApiFactory.register(fx);
        fx.start();
    }

    @AfterAll
    static void stop() {
        if (fx != null) {
            fx.close();
        }
    }

    record Run(int exit, String out, String err) {
    }

    static Run promtool(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(PROMTOOL.toString(), "query"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("promtool hung: " + cmd);
        }
        return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
            new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void series() throws Exception {
        Run r = promtool("series", "--match=node_cpu_seconds_total{mode=\"idle\"}", "--start="
            + ApiFixture.START / 1000, "--end=" + ApiFixture.END / 1000, fx.base());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().lines().toList()).containsExactly(
            "{__name__=\"node_cpu_seconds_total\", cpu=\"0\", instance=\"host-a\", job=\"node\", mode=\"idle\"}",
            "{__name__=\"node_cpu_seconds_total\", cpu=\"1\", instance=\"host-a\", job=\"node\", mode=\"idle\"}");
    }

    @Test
    void seriesWithoutRangeLooksAroundNow() throws Exception {
        // promtool 2.42 sends a GET with a range of about a year around now; the fixture's data is older
        Run r = promtool("series", "--match=node_load1", fx.base());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEmpty();
    }

    @Test
    void labelValues() throws Exception {
        Run r = promtool("labels", "--match=node_cpu_seconds_total", fx.base(), "mode");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().lines().toList()).containsExactly("idle", "user");
    }

    @Test
    void instantQuery() throws Exception {
        Run r = promtool("instant", "--time=" + ApiFixture.END / 1000, fx.base(), "node_load1");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().strip()).isEqualTo("node_load1{instance=\"host-a\", job=\"node\"} => 0.25 @[1700000000]");
    }

    @Test
    void instantScalarAsJson() throws Exception {
        Run r = promtool("-o", "json", "instant", "--time=4", fx.base(), "1+1");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().strip()).isEqualTo("[4,\"2\"]");
    }

    @Test
    void rangeQuery() throws Exception {
        long end = ApiFixture.END / 1000;
        Run r = promtool("range", "--start=" + (end - 120), "--end=" + end, "--step=1m", fx.base(),
            "sum by (mode) (rate(node_cpu_seconds_total[5m]))");
        assertThat(r.exit()).as(r.err()).isZero();
        // one "labels =>" line per series, then one "value @[t]" line per step
        List<String> lines = r.out().lines().map(String::strip).toList();
        assertThat(lines).hasSize(8).contains("{mode=\"idle\"} =>", "{mode=\"user\"} =>");
        int idle = lines.indexOf("{mode=\"idle\"} =>");
        assertThat(lines.get(idle + 1)).startsWith("1.93333333333333").endsWith(" @[" + (end - 120) + "]");
        assertThat(lines.get(idle + 3)).endsWith("@[" + end + "]");
    }

    @Test
    void executionErrorsReachTheClient() throws Exception {
        Run r = promtool("instant", fx.base(), "rate(node_load1[5m]");
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("bad_data");
    }

    @Test
    void badSelectorIsReportedAsBadData() throws Exception {
        Run r = promtool("series", "--match=up{job=}", fx.base());
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("bad_data").contains("parse error");
    }
}
