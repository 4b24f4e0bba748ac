package dev.ktel.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpServerTest {
    private HttpServer server;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        server = new HttpServer(new InetSocketAddress("127.0.0.1", 0))
                .route("/hello", (req, res) -> res.text(200, "hi " + req.param("name")))
                .route("/echo", (req, res) -> res.text(200, req.method() + " " + req.param("q") + " "
                        + new String(req.body(), StandardCharsets.UTF_8)))
                .route("/boom", (req, res) -> {
                    throw new IllegalStateException("kaput");
                })
                .route("/bad", (req, res) -> {
                    throw new HttpException(400, "bad_data", "invalid parameter \"x\"");
                })
                .routePrefix("/api/", (req, res) -> res.text(200, "prefix " + req.path()))
                .start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private java.net.http.HttpResponse<String> get(String path) throws Exception {
        return client.send(java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .build(), BodyHandlers.ofString());
    }

    @Test
    void servesRoutesParamsAndErrors() throws Exception {
        assertThat(get("/hello?name=a%20b").body()).isEqualTo("hi a b");
        assertThat(get("/api/v1/x").body()).isEqualTo("prefix /api/v1/x");
        assertThat(get("/nope").statusCode()).isEqualTo(404);
        var boom = get("/boom");
        assertThat(boom.statusCode()).isEqualTo(500);
        assertThat(boom.body()).contains("kaput");
        var bad = get("/bad");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("invalid parameter");
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.getOutputStream().write("GET /hello?name=%zz HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            assertThat(new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1))
                    .readLine()).isEqualTo("HTTP/1.1 400 Bad Request");
        }
    }

    @Test
    void readsFormBodiesOfPost() throws Exception {
        var res = client.send(java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/echo"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(BodyPublishers.ofString("q=up%7Bjob%3D%22x%22%7D")).build(), BodyHandlers.ofString());
        assertThat(res.body()).isEqualTo("POST up{job=\"x\"} q=up%7Bjob%3D%22x%22%7D");
    }

    @Test
    void keepsConnectionsAliveAndRejectsGarbage() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            OutputStream out = s.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
            for (int i = 0; i < 3; i++) {
                out.write("GET /hello?name=k HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                assertThat(in.readLine()).isEqualTo("HTTP/1.1 200 OK");
                String line;
                int len = -1;
                while (!(line = in.readLine()).isEmpty()) {
                    if (line.startsWith("Content-Length: ")) {
                        len = Integer.parseInt(line.substring(16));
                    }
                }
                char[] body = new char[len];
                assertThat(in.read(body)).isEqualTo(len);
                assertThat(new String(body)).isEqualTo("hi k");
            }
        }
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.getOutputStream().write("NONSENSE\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
            assertThat(in.readLine()).isEqualTo("HTTP/1.1 400 Bad Request");
        }
        assertThat(get("/hello?name=still-up").body()).isEqualTo("hi still-up");
    }

    @Test
    @org.junit.jupiter.api.Timeout(20) // idle keep-alive connections must not starve new ones (workers grow)
    void moreConcurrentClientsThanWorkersAllGetAnswers() throws Exception {
        String big = "x".repeat(700_000); // above the single-write limit
        server.route("/big", (req, res) -> res.text(200, big));
        var pool = java.util.concurrent.Executors.newFixedThreadPool(12);
        try {
            var futures = new java.util.ArrayList<java.util.concurrent.Future<Integer>>();
            for (int c = 0; c < 12; c++) {
                futures.add(pool.submit(() -> {
                    int ok = 0;
                    for (int i = 0; i < 10; i++) {
                        var r = get(i % 3 == 0 ? "/big" : "/hello?name=c");
                        if (r.statusCode() == 200 && (r.body().equals("hi c") || r.body().length() == 700_000)) {
                            ok++;
                        }
                    }
                    return ok;
                }));
            }
            for (var f : futures) {
                assertThat(f.get(60, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(10);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void releasesLentBuffersAfterWriting() throws Exception {
        java.util.concurrent.atomic.AtomicInteger released = new java.util.concurrent.atomic.AtomicInteger();
        server.route("/lend", (req, res) -> res.text(200, "x").afterWrite(released::incrementAndGet));
        get("/lend");
        get("/lend");
        // the client may see the response a moment before the server's release runs
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (released.get() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(released.get()).isEqualTo(2);
    }

    /** One GET on a fresh connection with Connection: close; the status line. */
    private String getOnce(String path) throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1))
                    .readLine();
        }
    }

    @Test
    void oneConnectionPerRequestIsServedByTheSameWorker() throws Exception {
        for (int i = 0; i < 30; i++) {
            assertThat(getOnce("/hello?name=x")).isEqualTo("HTTP/1.1 200 OK");
        }
        assertThat(server.workerThreads()).isEqualTo(1);
    }

    @Test
    @org.junit.jupiter.api.Timeout(20)
    void silentConnectionsDoNotStarveOthers() throws Exception {
        // connections that send nothing (or half a request) hold workers; each must make room for the next
        try (Socket idle = new Socket("127.0.0.1", server.port());
                Socket half = new Socket("127.0.0.1", server.port())) {
            half.getOutputStream().write("GET /hello HTTP/1.1\r\n".getBytes(StandardCharsets.ISO_8859_1));
            long t0 = System.nanoTime();
            assertThat(getOnce("/hello?name=y")).isEqualTo("HTTP/1.1 200 OK");
            assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(5_000);
            assertThat(server.workerThreads()).isGreaterThanOrEqualTo(2);
        }
    }
}
