package dev.ktel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ktel agent --server} against {@code ktel server --token-file}, both real processes on loopback: the agent's
 * collections arrive authenticated and are stored, and an agent with the wrong token is refused and stores nothing.
 */
class AgentToServerProcessTest {
    @TempDir
    Path dir;

    private static String get(String url) throws Exception {
        HttpResponse<String> res = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        return res.body();
    }

    private static double value(String exposition, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(exposition);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    @Test
    void agentForwardsToServerWithToken() throws Exception {
        Path token = Files.writeString(dir.resolve("token"), "s3cret-token\n");
        Path wrong = Files.writeString(dir.resolve("wrong"), "not-the-token\n");
        try (KtelProcess server = new KtelProcess(List.of(), "server", "--listen", "127.0.0.1:0", "--data-dir",
                dir.resolve("server").toString(), "--token-file", token.toString())) {
            String metrics = server.awaitMetricsUrl();
            assertThat(metrics).as("ready line in %s", server.lines).isNotNull();
            String base = metrics.substring(0, metrics.length() - "/metrics".length());
            try (KtelProcess bad = new KtelProcess(List.of(), "agent", "--listen", "127.0.0.1:0", "--data-dir",
                    dir.resolve("bad").toString(), "--no-kmsg", "--interval", "1s", "--server", base,
                    "--token-file", wrong.toString(), "--host-id", "intruder")) {
                String badMetrics = bad.awaitMetricsUrl();
                assertThat(badMetrics).as("ready line in %s", bad.lines).isNotNull();
                long until = System.nanoTime() + 30_000_000_000L;
                while (System.nanoTime() < until
                        && value(get(badMetrics), "ktel_forward_errors_total{reason=\"unauthorized\"}") == 0) {
                    Thread.sleep(250);
                }
                assertThat(value(get(badMetrics), "ktel_forward_errors_total{reason=\"unauthorized\"}"))
                        .as("the server refused the wrong token").isPositive();
                assertThat(value(get(metrics), "ktel_ingest_samples_total")).as("nothing stored with a wrong token")
                        .isZero();
                bad.terminate();
            }
            try (KtelProcess agent = new KtelProcess(List.of(), "agent", "--listen", "127.0.0.1:0", "--data-dir",
                    dir.resolve("agent").toString(), "--no-kmsg", "--interval", "1s", "--server", base,
                    "--token-file", token.toString(), "--host-id", "host-a")) {
                String agentMetrics = agent.awaitMetricsUrl();
                assertThat(agentMetrics).as("ready line in %s", agent.lines).isNotNull();
                long deadline = System.nanoTime() + 30_000_000_000L;
                double stored = 0;
                while (System.nanoTime() < deadline && stored < 2) {
                    Thread.sleep(250);
                    stored = value(get(metrics), "ktel_ingest_batches_total{endpoint=\"ktel\"}");
                }
                assertThat(stored).as("batches stored, server log %s", server.lines).isGreaterThanOrEqualTo(2);
                String s = get(metrics);
                assertThat(value(s, "ktel_ingest_samples_total")).isGreaterThan(100);
                assertThat(s).contains("ktel_tsdb_head_series");
                assertThat(agent.terminate()).isTrue();
            }
            assertThat(server.terminate()).isTrue();
        }
    }
}
