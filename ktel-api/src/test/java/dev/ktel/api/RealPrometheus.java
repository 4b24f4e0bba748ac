package dev.ktel.api;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ktel.store.api.Labels;
import dev.ktel.store.api.SampleIterator;
import dev.ktel.store.api.Series;
import dev.ktel.store.api.SeriesStore;
import java.io.IOException;
import java.io.Writer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Prometheus (2.42) on loopback with the same series as a ktel store: the store is written out as
 * OpenMetrics, turned into a TSDB block by {@code promtool tsdb create-blocks-from openmetrics}, and served by a
 * {@code prometheus} process started here and stopped in {@link #close()}. Series with label names that
 * Prometheus 2.42 cannot hold (UTF-8) are left out.
 */
final class RealPrometheus implements AutoCloseable {
    static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
    static final Path PROMTOOL = Path.of("/usr/bin/promtool");

    private final Path dir;
    private final Process process;
    final String base;

    RealPrometheus(SeriesStore store) throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(PROMETHEUS) && Files.isExecutable(PROMTOOL),
            "prometheus/promtool not installed (Debian package prometheus)");
        dir = Files.createTempDirectory("ktel-prom-");
        Path om = dir.resolve("data.om");
        writeOpenMetrics(store, om);
        run(List.of(PROMTOOL.toString(), "tsdb", "create-blocks-from", "openmetrics", om.toString(),
            dir.resolve("data").toString()));
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, "global:\n  scrape_interval: 1h\n");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        base = "http://127.0.0.1:" + port;
        process = new ProcessBuilder(PROMETHEUS.toString(), "--config.file=" + config,
            "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
            "--storage.tsdb.retention.time=100y", "--log.level=warn")
            .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        awaitReady();
    }

    private void awaitReady() throws IOException, InterruptedException {
        HttpClient c = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("prometheus exited: " + Files.readString(dir.resolve("prometheus.log")));
            }
            try {
                HttpResponse<String> r = c.send(HttpRequest.newBuilder(URI.create(base + "/-/ready")).build(),
                    HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("prometheus not ready after 30 s");
    }

    static void writeOpenMetrics(SeriesStore store, Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            String family = null;
            for (Series s : store.select(Long.MIN_VALUE, Long.MAX_VALUE)) {
                Labels l = s.labels();
                if (!legacyNames(l)) {
                    continue;
                }
                if (!l.metricName().equals(family)) {
                    family = l.metricName();
                    w.write("# TYPE " + family + " unknown\n");
                }
                String prefix = l.toString().replace(", ", ",").replace("{}", "");
                SampleIterator it = s.iterator();
                while (it.next()) {
                    w.write(prefix + " " + Double.toString(it.v()).replace("Infinity", "Inf") + " "
                        + (it.t() / 1000) + "." + String.format("%03d", it.t() % 1000) + "\n");
                }
            }
            w.write("# EOF\n");
        }
    }

    private static boolean legacyNames(Labels l) {
        for (int i = 0; i < l.size(); i++) {
            if (!l.name(i).matches("[a-zA-Z_][a-zA-Z0-9_]*")) {
                return false;
            }
        }
        return true;
    }

    private static void run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(cmd + " failed: " + new String(out, StandardCharsets.UTF_8));
        }
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
