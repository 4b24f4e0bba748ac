package dev.ktel.forward.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A third-party server started by a test on loopback, with its output in a log file; stopped on close. */
final class ExternalProcess implements AutoCloseable {
    final Process process;
    final Path log;
    final int port;

    private ExternalProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static boolean onPath(String binary) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(d, binary))) {
                return true;
            }
        }
        return false;
    }

    /** Starts {@code command} and waits until GET {@code readyPath} answers 200. */
    static ExternalProcess start(List<String> command, Path log, int port, String readyPath) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ExternalProcess ep = new ExternalProcess(p, log, port);
        HttpClient c = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException(command.get(0) + " exited: " + Files.readString(log));
            }
            try {
                HttpResponse<String> r = c.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + readyPath)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return ep;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        ep.close();
        throw new IllegalStateException(command.get(0) + " not ready in 30 s: " + Files.readString(log));
    }

    String get(String pathAndQuery) throws Exception {
        HttpClient c = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> r = c.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(pathAndQuery + " → " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
