package dev.ktel.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ktel.core.http.HttpServer;
import dev.ktel.store.api.Appender;
import dev.ktel.store.api.ClassicHistogram;
import dev.ktel.store.api.InMemorySeriesStore;
import dev.ktel.store.api.Labels;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * A real HTTP server on loopback serving the API over an in-memory store holding one hour of data, and a client
 * that returns status, headers and the parsed JSON. Data ends at {@link #END}; samples every 15 s.
 */
public final class ApiFixture implements AutoCloseable {
    public static final long END = 1_700_000_000_000L;
    public static final long START = END - 3600_000;
    public static final long STEP = 15_000;
    static final ObjectMapper JSON = new ObjectMapper();

    public final InMemorySeriesStore store = InMemorySeriesStore.builder().build();
    public final HttpServer http = new HttpServer(new InetSocketAddress("127.0.0.1", 0));
    private final HttpClient client = HttpClient.newHttpClient();

    public ApiFixture() {
        fill(store);
    }

    /** Starts the server; call after registering routes. */
    public ApiFixture start() throws IOException {
        http.start();
        return this;
    }

    public static void fill(InMemorySeriesStore store) {
        Appender a = store.appender();
        for (long t = START; t <= END; t += STEP) {
            double i = (t - START) / (double) STEP;
            for (int cpu = 0; cpu < 2; cpu++) {
                a.append(Labels.metric("node_cpu_seconds_total", "cpu", String.valueOf(cpu), "mode", "idle",
                    "instance", "host-a", "job", "node"), t, i * 14.5 + cpu);
                a.append(Labels.metric("node_cpu_seconds_total", "cpu", String.valueOf(cpu), "mode", "user",
                    "instance", "host-a", "job", "node"), t, i * 0.5 + cpu);
            }
            a.append(Labels.metric("node_load1", "instance", "host-a", "job", "node"), t, 0.25 + (i % 8) / 10);
            a.append(Labels.metric("otel_requests", "service.name", "checkout", "job", "otel"), t, i);
            a.appendHistogram(Labels.metric("ktel_io_latency_seconds", "instance", "host-a", "job", "node"), t,
                new ClassicHistogram(new double[] {0.001, 0.01, 0.1}, new double[] {i, 2 * i, 3 * i}, i / 10, 4 * i));
        }
        a.commit();
    }

    public String base() {
        return "http://127.0.0.1:" + http.port();
    }

    public record Reply(int status, Map<String, java.util.List<String>> headers, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        public String header(String name) {
            return headers.getOrDefault(name.toLowerCase(java.util.Locale.ROOT), java.util.List.of()).stream()
                .findFirst().orElse(null);
        }
    }

    public Reply get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(URI.create(base() + pathAndQuery)).GET().build());
    }

    public Reply get(String pathAndQuery, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(base() + pathAndQuery)).headers(headers).GET().build());
    }

    /** A form POST as Grafana and promtool send it. */
    public Reply postForm(String path, String form) {
        return send(HttpRequest.newBuilder(URI.create(base() + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    public static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private Reply send(HttpRequest req) {
        try {
            HttpResponse<byte[]> r = client.send(req, HttpResponse.BodyHandlers.ofByteArray());
            byte[] body = r.body();
            if ("gzip".equals(r.headers().firstValue("content-encoding").orElse(null))) {
                try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
                    body = in.readAllBytes();
                }
            }
            return new Reply(r.statusCode(), r.headers().map(), new String(body, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        http.close();
        store.close();
    }
}
