package dev.ktel.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktel.agent.Agent;
import dev.ktel.agent.AgentSettings;
import dev.ktel.agent.compat.Exposition;
import dev.ktel.collectors.CollectorSelection;
import dev.ktel.core.io.HostPaths;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real agent on the real host, scraped over loopback. */
class MetricsEndpointTest {
    @TempDir
    static Path data;
    static Agent agent;
    static final HttpClient CLIENT = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        agent = new Agent(new AgentSettings(new InetSocketAddress("127.0.0.1", 0), data, Duration.ofSeconds(15),
                "test-host", HostPaths.host(), CollectorSelection.defaults(), false, "agent"), "test").start();
    }

    @AfterAll
    static void stop() {
        agent.close();
    }

    static HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(agent.baseUrl() + path));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void servesPrometheusTextWithHelpForEveryFamily() throws Exception {
        var res = get("/metrics");
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("content-type")).contains("text/plain; version=0.0.4; charset=utf-8");
        Exposition e = Exposition.parse(new String(res.body()));
        assertThat(e.families()).containsKeys("node_scrape_collector_success", "ktel_agent_uptime_seconds",
                "process_cpu_seconds_total", "process_resident_memory_bytes", "ktel_build_info",
                "ktel_collector_parse_errors_total", "jvm_memory_used_bytes");
        assertThat(e.families().values()).allSatisfy(f -> assertThat(f.help()).as(f.name()).isNotBlank());
        assertThat(e.family("process_resident_memory_bytes").samples().getFirst().value()).isGreaterThan(1 << 20);
        // the default pipeline: nothing in front of the writer, the SLI and stage metrics still exported
        assertThat(agent.metrics()).isNotNull();
        assertThat(e.families()).containsKeys("ktel_series_active", "ktel_masked_total", "ktel_fidelity_level",
                "ktel_fidelity_shed", "ktel_sampling_ratio");
        assertThat(e.families()).doesNotContainKeys("ktel_series_rejected_total", "ktel_relabel_dropped_series_total");
    }

    @Test
    void seriesActiveCountsTheSampleLinesOfTheLastScrape() throws Exception {
        get("/metrics");
        String text = new String(get("/metrics").body());
        long lines = text.lines().filter(l -> !l.isEmpty() && !l.startsWith("#")).count();
        double active = Exposition.parse(text).family("ktel_series_active").samples().getFirst().value();
        // the previous scrape's count; collectors may differ by a few series from one scrape to the next
        assertThat(active).isBetween(lines * 0.9, lines * 1.1);
    }

    @Test
    void servesOpenMetricsWhenAsked() throws Exception {
        var res = get("/metrics", "Accept",
                "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5");
        assertThat(res.headers().firstValue("content-type")).hasValueSatisfying(
                ct -> assertThat(ct).startsWith("application/openmetrics-text; version=1.0.0"));
        assertThat(new String(res.body())).endsWith("# EOF\n").contains("# TYPE process_cpu_seconds counter");
    }

    @Test
    void gzipWhenAccepted() throws Exception {
        var res = get("/metrics", "Accept-Encoding", "gzip");
        assertThat(res.headers().firstValue("content-encoding")).contains("gzip");
        String text = new String(new GZIPInputStream(new ByteArrayInputStream(res.body())).readAllBytes());
        assertThat(text).contains("ktel_agent_uptime_seconds");
    }

    @Test
    void eachScrapeCollectsAfresh() throws Exception {
        double u1 = Exposition.parse(new String(get("/metrics").body())).family("ktel_agent_uptime_seconds")
                .samples().getFirst().value();
        Thread.sleep(20);
        double u2 = Exposition.parse(new String(get("/metrics").body())).family("ktel_agent_uptime_seconds")
                .samples().getFirst().value();
        assertThat(u2).isGreaterThan(u1);
    }

    @Test
    void landingHealthAndErrors() throws Exception {
        assertThat(new String(get("/").body())).contains("/metrics").contains("test-host");
        assertThat(get("/-/healthy").statusCode()).isEqualTo(200);
        assertThat(get("/nope").statusCode()).isEqualTo(404);
        var post = CLIENT.send(HttpRequest.newBuilder(URI.create(agent.baseUrl() + "/metrics"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
    }

    @Test
    void bindsLoopbackByDefault() {
        assertThat(agent.http().address().getAddress().isLoopbackAddress()).isTrue();
    }
}
