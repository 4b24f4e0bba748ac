package dev.ktel.api;

import static dev.ktel.api.ApiFixture.enc;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ktel.api.ApiFixture.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** /api/v1/query and /api/v1/query_range over the real engine and a real loopback server. */
class QueryEndpointsTest {
    static ApiFixture fx;
    static PrometheusApi api;
    static final long END_S = ApiFixture.END / 1000;

    @BeforeAll
    static void start() throws Exception {
        fx = new ApiFixture();
        api = PrometheusApiFactory.register(fx);
        fx.start();
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    @Test
    void instantVector() {
        Reply r = fx.get("/api/v1/query?query=" + enc("node_load1") + "&time=" + END_S);
        assertThat(r.status()).isEqualTo(200);
        JsonNode d = r.json().get("data");
        assertThat(d.get("resultType").asText()).isEqualTo("vector");
        assertThat(d.get("result")).hasSize(1);
        JsonNode s = d.get("result").get(0);
        assertThat(s.get("metric").get("__name__").asText()).isEqualTo("node_load1");
        assertThat(s.get("value").get(0).asLong()).isEqualTo(END_S);
        assertThat(s.get("value").get(1).isTextual()).isTrue();
        // 240 steps after start: 0.25 + (240 % 8)/10
        assertThat(s.get("value").get(1).asText()).isEqualTo("0.25");
    }

    @Test
    void instantScalarAsGrafanaHealthCheck() {
        Reply r = fx.postForm("/api/v1/query", "query=1%2B1&time=4");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[4,\"2\"]}}");
    }

    @Test
    void instantString() {
        Reply r = fx.get("/api/v1/query?query=" + enc("\"hello\"") + "&time=1.5");
        assertThat(r.body()).isEqualTo("{\"status\":\"success\",\"data\":{\"resultType\":\"string\",\"result\":[1.5,\"hello\"]}}");
    }

    @Test
    void instantMatrixOfRangeSelector() {
        Reply r = fx.get("/api/v1/query?query=" + enc("node_load1[1m]") + "&time=" + END_S);
        JsonNode d = r.json().get("data");
        assertThat(d.get("resultType").asText()).isEqualTo("matrix");
        assertThat(d.get("result").get(0).get("values")).hasSizeBetween(4, 5);
    }

    @Test
    void rangeMatrixByPostForm() {
        Reply r = fx.postForm("/api/v1/query_range", "query=" + enc("rate(node_cpu_seconds_total[5m])")
            + "&start=" + (END_S - 600) + "&end=" + END_S + "&step=60");
        assertThat(r.status()).isEqualTo(200);
        JsonNode d = r.json().get("data");
        assertThat(d.get("resultType").asText()).isEqualTo("matrix");
        assertThat(d.get("result")).hasSize(4);
        JsonNode first = d.get("result").get(0);
        assertThat(first.get("metric").has("__name__")).isFalse();
        assertThat(first.get("values")).hasSize(11);
        assertThat(first.get("values").get(0).get(0).asLong()).isEqualTo(END_S - 600);
        // idle counter grows 14.5 per 15 s
        assertThat(Double.parseDouble(first.get("values").get(0).get(1).asText())).isCloseTo(14.5 / 15,
            org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void rangeWithGetAndDurationStepAndRfc3339() {
        Reply r = fx.get("/api/v1/query_range?query=node_load1&start=2023-11-14T22:03:20Z&end=2023-11-14T22:13:20Z"
            + "&step=1m");
        assertThat(r.json().get("data").get("result").get(0).get("values")).hasSize(11);
    }

    @Test
    void limitTruncatesVector() {
        Reply r = fx.get("/api/v1/query?query=node_cpu_seconds_total&limit=1&time=" + END_S);
        assertThat(r.json().get("data").get("result")).hasSize(1);
        assertThat(r.json().get("warnings").get(0).asText()).isEqualTo("results truncated due to limit");
    }

    @Test
    void parseErrorIsBadDataNamingThePosition() {
        Reply r = fx.get("/api/v1/query?query=" + enc("rate(node_load1[5m]"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("errorType").asText()).isEqualTo("bad_data");
        assertThat(r.json().get("error").asText()).startsWith("invalid parameter \"query\": ").contains("1:");
        assertThat(api.metrics().errors("/api/v1/query", ErrorType.BAD_DATA)).isPositive();
    }

    @Test
    void emptyQueryIsBadData() {
        Reply r = fx.get("/api/v1/query?time=1");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("errorType").asText()).isEqualTo("bad_data");
    }

    @Test
    void annotationsBecomeInfos() {
        // rate() over a metric that does not look like a counter: Prometheus 3 adds an info annotation
        Reply r = fx.get("/api/v1/query?query=" + enc("rate(node_load1[5m])") + "&time=" + END_S);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("infos").get(0).asText()).contains("node_load1");
    }
}
