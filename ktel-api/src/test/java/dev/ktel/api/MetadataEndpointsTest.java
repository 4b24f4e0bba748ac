package dev.ktel.api;

import static dev.ktel.api.ApiFixture.enc;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ktel.api.ApiFixture.Reply;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** series, labels, label values, metadata and status over real HTTP, against Prometheus' shapes. */
class MetadataEndpointsTest {
    static ApiFixture fx;
    static PrometheusApi api;

    @BeforeAll
    static void start() throws Exception {
        fx = new ApiFixture();
        ApiOptions opts = ApiOptions.builder()
            .metadata(() -> List.of(
                new MetricMetadata("node_load1", "gauge", "1m load average.", ""),
                new MetricMetadata("node_cpu_seconds_total", "counter", "Seconds the CPUs spent in each mode.", ""),
                new MetricMetadata("node_cpu_seconds_total", "counter", "Seconds the CPUs spent in each mode.", ""),
                new MetricMetadata("ktel_io_latency_seconds", "histogram", "Block I/O latency.", "seconds")))
            .flags(java.util.Map.of("storage.tsdb.retention.time", "15d"))
            .storageRetention("15d")
            .build();
        api = PrometheusApi.register(fx.http, fx.store, new dev.ktel.promql.Engine(fx.store), opts);
        fx.start();
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void seriesReturnsLabelSetsOfMatchingSeries() {
        Reply r = fx.get("/api/v1/series?match[]=" + enc("node_cpu_seconds_total{mode=\"idle\"}")
            + "&start=" + (ApiFixture.START / 1000) + "&end=" + (ApiFixture.END / 1000));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("content-type")).isEqualTo("application/json");
        JsonNode j = r.json();
        assertThat(j.get("status").asText()).isEqualTo("success");
        assertThat(j.get("data")).hasSize(2);
        JsonNode first = j.get("data").get(0);
        assertThat(first.get("__name__").asText()).isEqualTo("node_cpu_seconds_total");
        assertThat(first.get("cpu").asText()).isEqualTo("0");
        assertThat(first.get("mode").asText()).isEqualTo("idle");
        assertThat(j.has("warnings")).isFalse();
    }

    @Test
    void seriesUnionOfSeveralMatchersWithoutDuplicates() {
        Reply r = fx.get("/api/v1/series?match[]=node_load1&match[]=" + enc("{job=\"node\",__name__=~\"node_load.*\"}")
            + "&match[]=" + enc("{\"service.name\"=\"checkout\"}"));
        assertThat(r.json().get("data")).hasSize(2);
        assertThat(r.json().get("data").get(1).get("service.name").asText()).isEqualTo("checkout");
    }

    @Test
    void seriesOutsideTheRangeAreNotReturned() {
        Reply r = fx.get("/api/v1/series?match[]=node_load1&start=" + (ApiFixture.END / 1000 + 10) + "&end="
            + (ApiFixture.END / 1000 + 20));
        assertThat(r.json().get("data")).isEmpty();
        assertThat(r.body()).contains("\"data\":[]");
    }

    @Test
    void seriesLimitTruncatesWithWarning() {
        Reply r = fx.get("/api/v1/series?limit=3&match[]=" + enc("{job=\"node\"}"));
        assertThat(r.json().get("data")).hasSize(3);
        assertThat(texts(r.json().get("warnings"))).containsExactly("results truncated due to limit");
    }

    @Test
    void seriesByFormPost() {
        Reply r = fx.postForm("/api/v1/series", "match%5B%5D=node_load1&start=" + (ApiFixture.START / 1000));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("data").get(0).get("__name__").asText()).isEqualTo("node_load1");
    }

    @Test
    void seriesErrorsAreBadData() {
        Reply none = fx.get("/api/v1/series");
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.json().get("status").asText()).isEqualTo("error");
        assertThat(none.json().get("errorType").asText()).isEqualTo("bad_data");
        assertThat(none.json().get("error").asText()).isEqualTo("no match[] parameter provided");

        Reply syntax = fx.get("/api/v1/series?match[]=" + enc("up{job=}"));
        assertThat(syntax.status()).isEqualTo(400);
        assertThat(syntax.json().get("error").asText())
            .isEqualTo("invalid parameter \"match[]\": 1:8: parse error: expected label value string after =");

        Reply empty = fx.get("/api/v1/series?match[]=" + enc("{job=~\".*\"}"));
        assertThat(empty.json().get("error").asText()).isEqualTo("match[] must contain at least one non-empty matcher");

        Reply badTime = fx.get("/api/v1/series?match[]=up&start=yesterday");
        assertThat(badTime.json().get("error").asText()).isEqualTo(
            "invalid parameter \"start\": invalid time value for 'start': cannot parse \"yesterday\" to a valid timestamp");
        assertThat(api.metrics().errors("/api/v1/series", ErrorType.BAD_DATA)).isGreaterThanOrEqualTo(4);
    }

    @Test
    void labelNamesAllAndMatched() {
        List<String> all = texts(fx.get("/api/v1/labels").json().get("data"));
        assertThat(all).containsExactly("__name__", "cpu", "instance", "job", "le", "mode", "service.name");
        List<String> load = texts(fx.get("/api/v1/labels?match[]=node_load1&start=1&end=2000000000").json().get("data"));
        assertThat(load).containsExactly("__name__", "instance", "job");
        List<String> two = texts(fx.postForm("/api/v1/labels", "match[]=node_load1&match[]=otel_requests").json()
            .get("data"));
        assertThat(two).containsExactly("__name__", "instance", "job", "service.name");
    }

    @Test
    void labelValuesPlainEscapedAndMatched() {
        List<String> names = texts(fx.get("/api/v1/label/__name__/values").json().get("data"));
        assertThat(names).contains("node_load1", "node_cpu_seconds_total", "ktel_io_latency_seconds_bucket",
            "ktel_io_latency_seconds_count", "otel_requests").isSorted();
        assertThat(texts(fx.get("/api/v1/label/mode/values?match[]=" + enc("node_cpu_seconds_total{cpu=\"1\"}"))
            .json().get("data"))).containsExactly("idle", "user");
        // Prometheus 3 / Grafana escaping of UTF-8 label names, and plain percent-encoding of the same name
        assertThat(texts(fx.get("/api/v1/label/U__service_2e_name/values").json().get("data")))
            .containsExactly("checkout");
        assertThat(texts(fx.get("/api/v1/label/service%2Ename/values").json().get("data")))
            .containsExactly("checkout");
        assertThat(fx.get("/api/v1/label/nosuchlabel/values").body())
            .isEqualTo("{\"status\":\"success\",\"data\":[]}");
        assertThat(fx.get("/api/v1/label/le/values?limit=2").json().get("warnings")).hasSize(1);
    }

    @Test
    void labelValuesOnlyByGet() {
        Reply r = fx.postForm("/api/v1/label/job/values", "");
        assertThat(r.status()).isEqualTo(405);
        assertThat(fx.get("/api/v1/label/job/extra/values").status()).isEqualTo(404);
    }

    @Test
    void metadataGroupedSortedAndDeduplicated() {
        JsonNode d = fx.get("/api/v1/metadata").json().get("data");
        assertThat(texts(fieldNames(d))).containsExactly("ktel_io_latency_seconds", "node_cpu_seconds_total",
            "node_load1");
        assertThat(d.get("node_cpu_seconds_total")).hasSize(1);
        JsonNode m = d.get("ktel_io_latency_seconds").get(0);
        assertThat(m.get("type").asText()).isEqualTo("histogram");
        assertThat(m.get("help").asText()).isEqualTo("Block I/O latency.");
        assertThat(m.get("unit").asText()).isEqualTo("seconds");
        assertThat(fx.get("/api/v1/metadata?metric=node_load1").json().get("data")).hasSize(1);
        assertThat(fx.get("/api/v1/metadata?limit=2").json().get("data")).hasSize(2);
        Reply bad = fx.get("/api/v1/metadata?limit=x");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("error").asText()).isEqualTo("limit must be a number");
    }

    private static JsonNode fieldNames(JsonNode obj) {
        com.fasterxml.jackson.databind.node.ArrayNode a = ApiFixture.JSON.createArrayNode();
        obj.fieldNames().forEachRemaining(a::add);
        return a;
    }

    @Test
    void buildInfoAsGrafanaReadsIt() {
        JsonNode d = fx.get("/api/v1/status/buildinfo").json().get("data");
        for (String f : new String[] {"version", "revision", "branch", "buildUser", "buildDate", "goVersion"}) {
            assertThat(d.has(f)).as(f).isTrue();
        }
        assertThat(d.get("version").asText()).matches("\\d+\\.\\d+\\.\\d+");
        assertThat(d.has("features")).isFalse(); // Grafana: no features means "Prometheus", not Mimir
    }

    @Test
    void runtimeInfoAndFlags() {
        JsonNode d = fx.get("/api/v1/status/runtimeinfo").json().get("data");
        assertThat(d.get("startTime").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
        assertThat(d.get("GOMAXPROCS").asInt()).isPositive();
        assertThat(d.get("storageRetention").asText()).isEqualTo("15d");
        assertThat(d.get("reloadConfigSuccess").asBoolean()).isTrue();
        assertThat(fx.get("/api/v1/status/flags").json().get("data").get("storage.tsdb.retention.time").asText())
            .isEqualTo("15d");
    }

    @Test
    void emptyShapesOfAbsentFeatures() {
        assertThat(fx.get("/api/v1/rules").body()).isEqualTo("{\"status\":\"success\",\"data\":{\"groups\":[]}}");
        assertThat(fx.get("/api/v1/alerts").body()).isEqualTo("{\"status\":\"success\",\"data\":{\"alerts\":[]}}");
        assertThat(fx.get("/api/v1/targets").json().get("data").get("activeTargets")).isEmpty();
        assertThat(fx.get("/api/v1/query_exemplars?query=up&start=1&end=2").body())
            .isEqualTo("{\"status\":\"success\",\"data\":[]}");
        assertThat(fx.get("/api/v1/query_exemplars?query=up&start=2&end=1").status()).isEqualTo(400);
    }

    @Test
    void gzipWhenAcceptedAndLargeEnough() {
        Reply r = fx.get("/api/v1/series?match[]=" + enc("{job=~\"node|otel\"}"), "Accept-Encoding", "gzip");
        assertThat(r.header("content-encoding")).isEqualTo("gzip");
        assertThat(r.json().get("data").size()).isGreaterThan(5);
        Reply small = fx.get("/api/v1/status/buildinfo", "Accept-Encoding", "gzip");
        assertThat(small.header("content-encoding")).isNull();
    }

    @Test
    void corsIsOffByDefault() {
        Reply r = fx.get("/api/v1/labels", "Origin", "http://evil.example");
        assertThat(r.header("access-control-allow-origin")).isNull();
    }
}
