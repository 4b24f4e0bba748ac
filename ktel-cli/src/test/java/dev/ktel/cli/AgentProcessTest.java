package dev.ktel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `ktel agent` as a real process: says where to look when ready, serves, and shuts down cleanly on SIGTERM. */
class AgentProcessTest {

    @Test
    void startsPrintsUrlsServesAndStopsOnSigterm(@TempDir Path data) throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(javaBin, "-XX:+UseSerialGC", "-Xmx64m", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), "dev.ktel.cli.Main", "agent",
                "--listen", "127.0.0.1:0", "--data-dir", data.toString())
                .redirectErrorStream(true).start();
        List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
        // destroy() closes the pipes, so read output on a thread of its own
        Thread reader = Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    lines.add(line);
                }
            } catch (java.io.IOException e) {
                // pipe closed by destroy(): the lines so far are what we have
            }
        });
        try {
            String metricsUrl = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (metricsUrl == null && System.nanoTime() < deadline && p.isAlive()) {
                synchronized (lines) {
                    for (String l : lines) {
                        if (l.trim().startsWith("metrics: ")) {
                            metricsUrl = l.trim().substring("metrics: ".length());
                        }
                    }
                }
                Thread.sleep(50);
            }
            assertThat(metricsUrl).as("ready line in %s", lines).startsWith("http://127.0.0.1:");
            assertThat(lines).anyMatch(l -> l.contains("ready"));
            HttpResponse<String> res = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(metricsUrl)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(res.statusCode()).isEqualTo(200);
            assertThat(res.body()).contains("node_scrape_collector_success", "ktel_agent_uptime_seconds");

            ProcessHandle.of(p.pid()).ifPresent(ProcessHandle::destroy); // SIGTERM, pipes stay open
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("exits after SIGTERM").isTrue();
            reader.join(5000);
            assertThat(lines).anyMatch(l -> l.contains("shutting down"));
            assertThat(lines).noneMatch(l -> l.contains("Exception"));
            if (Files.isReadable(Path.of("/dev/kmsg")) && lines.stream().noneMatch(l -> l.contains("kmsg:"))) {
                assertThat(data.resolve("kmsg.state")).as("kmsg position saved on shutdown").exists();
            }
        } finally {
            p.destroyForcibly();
        }
    }
}
