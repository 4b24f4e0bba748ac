package dev.ktel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The roles as real processes: {@code ktel server} serves the store's self-metrics and stops on SIGTERM;
 * {@code ktel agent} loads no store or server class while serving (class loading logged by the JVM itself with
 * {@code -Xlog:class+load}), and {@code ktel run}, logged the same way, does load them (so the check can fail).
 */
class ServerProcessTest {
    @TempDir
    Path data;

    private static String get(String url) throws Exception {
        HttpResponse<String> res = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).as(url).isEqualTo(200);
        return res.body();
    }

    @Test
    void serverStartsServesSelfMetricsAndStopsOnSigterm() throws Exception {
        try (KtelProcess p = new KtelProcess(List.of(), "server", "--listen", "127.0.0.1:0", "--data-dir",
                data.toString(), "--retention.raw", "2d")) {
            String url = p.awaitMetricsUrl();
            assertThat(url).as("ready line in %s", p.lines).startsWith("http://127.0.0.1:");
            String body = get(url);
            assertThat(body).contains("ktel_tsdb_head_series 0", "ktel_tsdb_wal_size_bytes",
                    "ktel_tsdb_bytes_on_disk{tier=\"1h\"}").doesNotContain("node_");
            assertThat(p.terminate()).as("exits after SIGTERM").isTrue();
            assertThat(p.process.exitValue()).isNotEqualTo(-1);
            assertThat(p.lines).anyMatch(l -> l.contains("shutting down")).noneMatch(l -> l.contains("Exception"));
            assertThat(data.resolve("tsdb/wal")).isDirectory();
        }
    }

    private List<String> loadedClasses(String role) throws Exception {
        Path log = data.resolve(role + "-classes.log");
        try (KtelProcess p = new KtelProcess(List.of("-Xlog:class+load=info:file=" + log), role, "--listen",
                "127.0.0.1:0", "--data-dir", data.resolve(role).toString(), "--no-kmsg", "--interval", "1s")) {
            String url = p.awaitMetricsUrl();
            assertThat(url).as("ready line in %s", p.lines).isNotNull();
            get(url);
            Thread.sleep(1500); // at least one pipeline interval
            get(url);
            assertThat(p.terminate()).isTrue();
        }
        return Files.readAllLines(log);
    }

    @Test
    void agentLoadsNoStoreOrServerClassesButRunDoes() throws Exception {
        List<String> agent = loadedClasses("agent");
        assertThat(agent).as("the log lists the agent's own classes").anyMatch(l -> l.contains("dev.ktel.agent.Agent "));
        assertThat(agent).noneMatch(l -> l.contains("dev.ktel.store.") || l.contains("dev.ktel.server."));
        List<String> run = loadedClasses("run");
        assertThat(run).anyMatch(l -> l.contains("dev.ktel.store.TsdbSeriesStore "))
                .anyMatch(l -> l.contains("dev.ktel.server.Server "));
    }
}
