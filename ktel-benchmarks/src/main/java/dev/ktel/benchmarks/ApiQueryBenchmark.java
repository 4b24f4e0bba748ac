package dev.ktel.benchmarks;

import dev.ktel.api.ApiOptions;
import dev.ktel.api.PrometheusApi;
import dev.ktel.api.json.ApiResponse;
import dev.ktel.api.json.ValueJson;
import dev.ktel.core.http.HttpRequest;
import dev.ktel.core.http.HttpResponse;
import dev.ktel.core.http.HttpServer;
import dev.ktel.promql.Engine;
import dev.ktel.promql.Result;
import dev.ktel.store.api.Appender;
import dev.ktel.store.api.InMemorySeriesStore;
import dev.ktel.store.api.Labels;
import java.io.IOException;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The range query of issue 7's target, {@code rate(bench_requests_total[5m])} over 500 series and 1 h at a 15 s
 * step (241 points each): the engine alone, the same through the API in-process (parameters, engine, JSON,
 * bytes; with and without gzip) — their difference is the API's overhead, which {@code encodeOnly} measures
 * directly on a computed result — and over loopback HTTP against ktel and
 * against Debian's Prometheus loaded with the same samples (skipped when {@code /usr/bin/prometheus} is absent:
 * the benchmark then reports the ktel side only).
 *
 * <pre>mvn -Pbench -pl ktel-benchmarks -am package && java -jar ktel-benchmarks/target/benchmarks.jar ApiQuery</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
public class ApiQueryBenchmark {
    static final int SERIES = 500;
    static final long END = 1_700_000_000_000L;
    static final long START = END - 3600_000;
    static final long SCRAPE = 15_000;
    static final String QUERY = "rate(bench_requests_total[5m])";

    static final HttpRequest PLAIN = HttpRequest.of("GET", "/", Map.of(), new byte[0]);
    static final HttpRequest GZIP = HttpRequest.of("GET", "/", Map.of("accept-encoding", "gzip"), new byte[0]);

    InMemorySeriesStore store;
    Result computed;
    Engine engine;
    HttpServer http;
    HttpClient client;
    String rangeParams;
    Path promDir;
    Process prometheus;
    String promBase;

    @Setup(Level.Trial)
    public void setup() throws Exception {
        store = InMemorySeriesStore.builder().build();
        Appender a = store.appender();
        // data from 5 m before the range so that rate() has a full window at the first step
        for (long t = START - 300_000; t <= END; t += SCRAPE) {
            for (int s = 0; s < SERIES; s++) {
                a.append(Labels.metric("bench_requests_total", "instance", "host-" + (s % 50), "path", "/p" + s),
                    t, (t - START) / 1000.0 * (1 + s % 7));
            }
        }
        a.commit();
        engine = new Engine(store);
        computed = engine.rangeQuery(QUERY, START, END, SCRAPE);
        http = new HttpServer(new InetSocketAddress("127.0.0.1", 0));
        PrometheusApi.register(http, store, engine, ApiOptions.defaults());
        http.start();
        client = HttpClient.newHttpClient();
        rangeParams = "query=" + URLEncoder.encode(QUERY, StandardCharsets.UTF_8) + "&start=" + START / 1000
            + "&end=" + END / 1000 + "&step=15";
        startPrometheus();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException, InterruptedException {
        http.close();
        store.close();
        if (prometheus != null) {
            prometheus.destroy();
            prometheus.waitFor(10, TimeUnit.SECONDS);
        }
        if (promDir != null) {
            try (var files = Files.walk(promDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Benchmark
    public Result engineOnly() {
        return engine.rangeQuery(QUERY, START, END, SCRAPE);
    }

    /** The API's own work on a computed result: envelope, JSON text of every point, UTF-8 bytes. */
    @Benchmark
    public int encodeOnly() {
        HttpResponse res = new HttpResponse();
        ApiResponse.success(PLAIN, res, w -> ValueJson.write(w, computed.value()), computed.warnings(),
            computed.infos());
        return res.bodyLength();
    }

    @Benchmark
    public int encodeOnlyGzip() {
        HttpResponse res = new HttpResponse();
        ApiResponse.success(GZIP, res, w -> ValueJson.write(w, computed.value()), computed.warnings(),
            computed.infos());
        return res.bodyLength();
    }

    @Benchmark
    public int apiInProcess() {
        HttpResponse res = new HttpResponse();
        http.dispatch(HttpRequest.of("GET", "/api/v1/query_range?" + rangeParams, Map.of(), new byte[0]), res);
        return check(res);
    }

    @Benchmark
    public int apiInProcessGzip() {
        HttpResponse res = new HttpResponse();
        http.dispatch(HttpRequest.of("GET", "/api/v1/query_range?" + rangeParams, Map.of("accept-encoding", "gzip"),
            new byte[0]), res);
        return check(res);
    }

    @Benchmark
    public int ktelHttp() throws Exception {
        return get("http://127.0.0.1:" + http.port());
    }

    @Benchmark
    public int prometheusHttp() throws Exception {
        if (promBase == null) {
            return 0;
        }
        return get(promBase);
    }

    private int get(String base) throws Exception {
        java.net.http.HttpResponse<byte[]> r = client.send(java.net.http.HttpRequest.newBuilder(
            URI.create(base + "/api/v1/query_range?" + rangeParams)).build(),
            java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(base + ": HTTP " + r.statusCode());
        }
        return r.body().length;
    }

    private static int check(HttpResponse res) {
        if (res.status() != 200) {
            throw new IllegalStateException("HTTP " + res.status() + ": " + res.bodyText());
        }
        return res.bodyLength();
    }

    /** Loads the same samples into Debian's Prometheus through an OpenMetrics file and promtool. */
    private void startPrometheus() throws IOException, InterruptedException {
        Path prom = Path.of("/usr/bin/prometheus");
        Path promtool = Path.of("/usr/bin/promtool");
        if (!Files.isExecutable(prom) || !Files.isExecutable(promtool)) {
            return;
        }
        promDir = Files.createTempDirectory("ktel-bench-prom-");
        Path om = promDir.resolve("data.om");
        try (Writer w = Files.newBufferedWriter(om)) {
            w.write("# TYPE bench_requests_total unknown\n");
            for (var s : store.select(Long.MIN_VALUE, Long.MAX_VALUE)) {
                String name = s.labels().toString().replace(", ", ",");
                var it = s.iterator();
                while (it.next()) {
                    w.write(name + " " + it.v() + " " + it.t() / 1000 + "\n");
                }
            }
            w.write("# EOF\n");
        }
        Process p = new ProcessBuilder(promtool.toString(), "tsdb", "create-blocks-from", "openmetrics",
            om.toString(), promDir.resolve("data").toString()).redirectErrorStream(true)
            .redirectOutput(promDir.resolve("promtool.log").toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("promtool failed: " + Files.readString(promDir.resolve("promtool.log")));
        }
        Files.writeString(promDir.resolve("prometheus.yml"), "global:\n  scrape_interval: 1h\n");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        prometheus = new ProcessBuilder(prom.toString(), "--config.file=" + promDir.resolve("prometheus.yml"),
            "--storage.tsdb.path=" + promDir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
            "--storage.tsdb.retention.time=100y", "--log.level=warn").redirectErrorStream(true)
            .redirectOutput(promDir.resolve("prometheus.log").toFile()).start();
        String base = "http://127.0.0.1:" + port;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try {
                var r = client.send(java.net.http.HttpRequest.newBuilder(URI.create(base + "/-/ready")).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    promBase = base;
                    return;
                }
            } catch (IOException e) {
                // not up yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("prometheus not ready: " + Files.readString(promDir.resolve("prometheus.log")));
    }
}
