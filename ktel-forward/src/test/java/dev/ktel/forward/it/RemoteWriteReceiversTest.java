package dev.ktel.forward.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ktel.forward.agent.Forwarder;
import dev.ktel.forward.agent.ForwarderOptions;
import dev.ktel.forward.agent.PayloadFormat;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The forwarder in remote write mode against the real Debian prometheus and victoria-metrics: known samples go
 * in, and are read back through each one's query API.
 */
class RemoteWriteReceiversTest {
    private static final int COLLECTIONS = 30;
    private static final int SERIES = 5;

    @TempDir
    Path tmp;

    @Test
    void prometheusStoresWhatWasSent() throws Exception {
        assumeTrue(ExternalProcess.onPath("prometheus"), "prometheus not installed (apt-get install prometheus)");
        int port = ExternalProcess.freePort();
        Path config = Files.writeString(tmp.resolve("prometheus.yml"), "global:\n  scrape_interval: 1h\n");
        try (ExternalProcess prom = ExternalProcess.start(List.of("prometheus", "--config.file=" + config,
                "--storage.tsdb.path=" + tmp.resolve("prom-data"), "--web.listen-address=127.0.0.1:" + port,
                "--web.enable-remote-write-receiver"), tmp.resolve("prometheus.log"), port, "/-/ready")) {
            sendAndVerify(prom, "prom-host");
        }
    }

    @Test
    void victoriaMetricsStoresWhatWasSent() throws Exception {
        assumeTrue(ExternalProcess.onPath("victoria-metrics"),
                "victoria-metrics not installed (apt-get install victoria-metrics)");
        int port = ExternalProcess.freePort();
        try (ExternalProcess vm = ExternalProcess.start(List.of("victoria-metrics",
                "-httpListenAddr=127.0.0.1:" + port, "-storageDataPath=" + tmp.resolve("vm-data"),
                "-search.latencyOffset=0s", "-search.disableCache"), tmp.resolve("vm.log"), port, "/health")) {
            sendAndVerify(vm, "vm-host");
        }
    }

    private void sendAndVerify(ExternalProcess receiver, String host) throws Exception {
        ForwarderOptions o = ForwarderOptions.defaults(URI.create("http://127.0.0.1:" + receiver.port + "/api/v1/write"),
                PayloadFormat.REMOTE_WRITE, host, tmp.resolve("buf-" + host))
                .withFlush(Duration.ofMillis(50), 20_000).withBackoff(Duration.ofMillis(50), Duration.ofMillis(500));
        Production p = new Production(SERIES, false);
        long lastTs;
        try (Forwarder f = new Forwarder(o).start()) {
            for (int i = 0; i < COLLECTIONS; i++) {
                p.produce(f);
                Thread.sleep(20);
            }
            lastTs = System.currentTimeMillis();
            assertThat(f.awaitDrained(Duration.ofSeconds(20))).isTrue();
            assertThat(f.metrics().errorsTotal()).as("send errors").isZero();
        }
        double at = (lastTs + 1000) / 1000.0;
        String count = "count_over_time(" + Production.CORE + "{host=\"" + host + "\",job=\"ktel\",instance=\""
                + host + "\"}[5m])";
        String last = Production.CORE + "{host=\"" + host + "\",series=\"3\"}";
        long deadline = System.currentTimeMillis() + 15_000;
        List<Double> counts;
        do {
            counts = values(receiver.get("/api/v1/query?time=" + at + "&query=" + enc(count)));
            if (counts.size() == SERIES && counts.stream().allMatch(c -> c == COLLECTIONS)) {
                break;
            }
            Thread.sleep(250);
        } while (System.currentTimeMillis() < deadline);
        System.out.printf("%s: %d series, samples per series %s (sent %d per series)%n", host, counts.size(), counts,
                COLLECTIONS);
        assertThat(counts).hasSize(SERIES).allMatch(c -> c == COLLECTIONS);
        assertThat(values(receiver.get("/api/v1/query?time=" + at + "&query=" + enc(last))))
                .containsExactly((double) (COLLECTIONS - 1));
    }

    private static String enc(String q) {
        return URLEncoder.encode(q, StandardCharsets.UTF_8);
    }

    /** The sample values of an instant-vector query response (Prometheus JSON). */
    static List<Double> values(String json) {
        Matcher m = Pattern.compile("\"value\":\\[[0-9.e+]+,\"([^\"]+)\"\\]").matcher(json);
        return m.results().map(r -> Double.parseDouble(r.group(1))).toList();
    }
}
