package dev.ktel.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ktel.api.ApiFixture.Reply;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Replays the requests Grafana's Prometheus data source sends, byte for byte in method, path, parameters and
 * content type, and checks the members Grafana reads. Sources (grafana/grafana): the backend client
 * {@code pkg/promlib/client/client.go} (queries as POST form by default; label values, metadata and status
 * always GET), the health check {@code pkg/promlib/healthcheck.go} ({@code 1+1} instant at t=4s, then
 * buildinfo via {@code heuristics.go}), and the query editor's {@code packages/grafana-prometheus/src/
 * language_provider.ts} (labels, label values with {@code U__} escaping, series with {@code limit=40000},
 * metadata). See the module README for the list.
 */
class GrafanaRequestsTest {
    static ApiFixture fx;
    /** Grafana's editor sends the dashboard range as whole unix seconds. */
    static final String START = String.valueOf(ApiFixture.START / 1000);
    static final String END = String.valueOf(ApiFixture.END / 1000);

    @BeforeAll
    static void start() throws Exception {
        fx = new ApiFixture();
        ApiOptions opts = ApiOptions.builder()
            .metadata(() -> List.of(new MetricMetadata("node_load1", "gauge", "1m load average.", ""),
                new MetricMetadata("ktel_io_latency_seconds", "histogram", "Block I/O latency.", "seconds")))
            .build();
        PrometheusApi.register(fx.http, fx.store, new dev.ktel.promql.Engine(fx.store), opts);
        fx.start();
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    private static List<String> strings(JsonNode a) {
        List<String> out = new ArrayList<>();
        a.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void buildInfoForTheHeuristics() {
        // heuristics.go: GET api/v1/status/buildinfo; 404 → "no build info"; empty "features" → Prometheus
        Reply r = fx.get("/api/v1/status/buildinfo");
        assertThat(r.status()).isEqualTo(200);
        JsonNode j = r.json();
        assertThat(j.get("status").asText()).isEqualTo("success");
        assertThat(j.get("data").get("version").asText()).isNotEmpty();
        assertThat(j.get("data").path("features").size()).isZero();
    }

    @Test
    void editorLabelNamesByPostFormWithRange() {
        // language_provider.ts fetchLabels: metadataRequest('/api/v1/labels', {start, end}) with httpMethod POST
        Reply r = fx.postForm("/api/v1/labels", "start=" + START + "&end=" + END);
        assertThat(r.status()).isEqualTo(200);
        assertThat(strings(r.json().get("data"))).contains("__name__", "job", "instance", "service.name");
    }

    @Test
    void editorLabelNamesForAQueryWithMatch() {
        // fetchSeriesLabelsMatch: /api/v1/labels with start, end and match[]=<selector>
        Reply r = fx.postForm("/api/v1/labels", "start=" + START + "&end=" + END + "&match%5B%5D="
            + ApiFixture.enc("node_cpu_seconds_total{mode=\"idle\"}"));
        assertThat(strings(r.json().get("data"))).containsExactly("__name__", "cpu", "instance", "job", "mode");
    }

    @Test
    void metricNamesByLabelValuesGet() {
        // start(): fetchLabelValues('__name__') → GET /api/v1/label/__name__/values?start=..&end=..
        Reply r = fx.get("/api/v1/label/__name__/values?start=" + START + "&end=" + END);
        assertThat(r.status()).isEqualTo(200);
        assertThat(strings(r.json().get("data"))).contains("node_load1", "node_cpu_seconds_total",
            "ktel_io_latency_seconds_bucket");
    }

    @Test
    void labelValuesWithMatchAndUtf8Escaping() {
        // fetchSeriesValuesWithMatch: GET /api/v1/label/<escapeForUtf8Support(name)>/values?start&end&match[]
        Reply r = fx.get("/api/v1/label/mode/values?start=" + START + "&end=" + END + "&match%5B%5D="
            + ApiFixture.enc("node_cpu_seconds_total{cpu=\"0\"}"));
        assertThat(strings(r.json().get("data"))).containsExactly("idle", "user");
        Reply utf8 = fx.get("/api/v1/label/U__service_2e_name/values?start=" + START + "&end=" + END);
        assertThat(strings(utf8.json().get("data"))).containsExactly("checkout");
    }

    @Test
    void seriesWithDefaultLimit() {
        // fetchSeriesLabels: /api/v1/series {start, end, 'match[]': selector, limit: DEFAULT_SERIES_LIMIT (40000)}
        Reply r = fx.postForm("/api/v1/series", "start=" + START + "&end=" + END + "&match%5B%5D="
            + ApiFixture.enc("{__name__=\"node_cpu_seconds_total\"}") + "&limit=40000");
        assertThat(r.status()).isEqualTo(200);
        JsonNode data = r.json().get("data");
        assertThat(data).hasSize(4);
        data.forEach(s -> assertThat(s.get("__name__").asText()).isEqualTo("node_cpu_seconds_total"));
    }

    @Test
    void metadataAsTheEditorReadsIt() {
        // loadMetricsMetadata: GET /api/v1/metadata; reads data[metric][0].type and .help
        JsonNode d = fx.get("/api/v1/metadata").json().get("data");
        assertThat(d.get("node_load1").get(0).get("type").asText()).isEqualTo("gauge");
        assertThat(d.get("node_load1").get(0).get("help").asText()).isEqualTo("1m load average.");
    }

    @Test
    void getOnlyEndpointsAnswer405ToPostSoGrafanaRetriesWithGet() {
        // client.go QueryResource: a POST answered 405 or 400 is retried as GET
        assertThat(fx.postForm("/api/v1/label/job/values", "start=" + START).status()).isEqualTo(405);
        assertThat(fx.postForm("/api/v1/metadata", "").status()).isEqualTo(405);
    }

    @Test
    void rulesAndAlertsProbedByTheDataSource() {
        // datasource.ts loadRules: GET /api/v1/rules, reads data.groups
        assertThat(fx.get("/api/v1/rules").json().get("data").get("groups").isArray()).isTrue();
        assertThat(fx.get("/api/v1/alerts").json().get("data").get("alerts").isArray()).isTrue();
    }
}
