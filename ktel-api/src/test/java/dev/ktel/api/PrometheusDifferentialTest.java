package dev.ktel.api;

import static dev.ktel.api.ApiFixture.enc;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same requests to Debian's Prometheus and to ktel over the same data: the parsed JSON bodies (status codes
 * too) must be equal; errors are compared by status and type (2.42's texts differ from 3.x's in places). {@code limit}
 * is left out: 2.42 ignores it (it came with 2.49).
 */
class PrometheusDifferentialTest {
    static ApiFixture fx;
    static RealPrometheus prom;
    static final HttpClient CLIENT = HttpClient.newHttpClient();
    static final String RANGE = "start=" + ApiFixture.START / 1000 + "&end=" + ApiFixture.END / 1000;

    @BeforeAll
    static void start() throws Exception {
        fx = new ApiFixture();
        prom = new RealPrometheus(fx.store);
        PrometheusApiFactory.register(fx);
        fx.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (prom != null) {
            prom.close();
        }
        if (fx != null) {
            fx.close();
        }
    }

    static JsonNode fetch(String base, String pathAndQuery, int[] status) throws Exception {
        HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create(base + pathAndQuery)).build(),
            HttpResponse.BodyHandlers.ofString());
        status[0] = r.statusCode();
        return ApiFixture.JSON.readTree(r.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/api/v1/series?match[]=node_load1",
        "/api/v1/series?match[]=node_cpu_seconds_total&match[]=node_load1&RANGE",
        "/api/v1/series?match[]={job=\"node\",__name__=~\"ktel_.*\"}",
        "/api/v1/series?match[]={job=\"node\"}&start=1&end=2",
        "/api/v1/labels?match[]=node_cpu_seconds_total",
        "/api/v1/labels?match[]={job=\"node\"}&RANGE",
        "/api/v1/label/mode/values",
        "/api/v1/label/le/values?match[]=ktel_io_latency_seconds_bucket&RANGE",
        "/api/v1/label/cpu/values?match[]=node_cpu_seconds_total{mode=\"user\"}",
        "/api/v1/label/nosuch/values",
        "/api/v1/query?query=node_load1&time=1700000000",
        "/api/v1/query?query=node_load1&time=1699999999.5",
        "/api/v1/query?query=1+1&time=4",
        "/api/v1/query?query=\"hello\"&time=1.5",
        "/api/v1/query?query=-1/0&time=1700000000.123",
        "/api/v1/query?query=node_cpu_seconds_total / 3&time=1700000000",
        "/api/v1/query?query=sum by (mode) (node_cpu_seconds_total)&time=2023-11-14T22:13:20Z",
        "/api/v1/query?query=node_load1 > 10&time=1700000000",
        "/api/v1/query_range?query=node_load1&start=1699999000&end=1700000000&step=60",
        "/api/v1/query_range?query=node_cpu_seconds_total{cpu=\"1\"} * 1e-9&start=1699999000&end=1700000000&step=1m",
        "/api/v1/query_range?query=time()&start=1699999999.5&end=1700000000&step=0.25"})
    void sameBody(String request) throws Exception {
        String pq = encodeQuery(request.replace("RANGE", RANGE));
        int[] ps = new int[1];
        int[] ks = new int[1];
        JsonNode expected = fetch(prom.base, pq, ps);
        JsonNode actual = fetch(fx.base(), pq, ks);
        assertThat(ks[0]).as(pq).isEqualTo(ps[0]);
        assertThat(actual).as(pq).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/api/v1/series",
        "/api/v1/series?match[]=up{job=}",
        "/api/v1/series?match[]={job=~\".*\"}",
        "/api/v1/series?match[]=up&start=x",
        "/api/v1/query?query=rate(up[5m]",
        "/api/v1/query?query=up&time=x",
        "/api/v1/query_range?query=up&start=2&end=1&step=1",
        "/api/v1/query_range?query=up&start=1&end=2&step=0",
        "/api/v1/query_range?query=up&start=1&end=2&step=x",
        "/api/v1/query_range?query=up&start=0&end=100000&step=1",
        "/api/v1/query_range?query=up[5m]&start=1&end=2&step=1"})
    void sameErrorTypeAndStatus(String request) throws Exception {
        String pq = encodeQuery(request);
        int[] ps = new int[1];
        int[] ks = new int[1];
        JsonNode expected = fetch(prom.base, pq, ps);
        JsonNode actual = fetch(fx.base(), pq, ks);
        assertThat(ks[0]).as(pq).isEqualTo(ps[0]);
        assertThat(actual.get("status")).as(pq).isEqualTo(expected.get("status"));
        assertThat(actual.get("errorType")).as(pq).isEqualTo(expected.get("errorType"));
    }

    /** Encodes each parameter value (the lists above are written readable). */
    static String encodeQuery(String request) {
        int q = request.indexOf('?');
        if (q < 0) {
            return request;
        }
        StringBuilder sb = new StringBuilder(request.substring(0, q + 1));
        for (String pair : request.substring(q + 1).split("&")) {
            int eq = pair.indexOf('=');
            if (sb.charAt(sb.length() - 1) != '?') {
                sb.append('&');
            }
            sb.append(enc(pair.substring(0, eq))).append('=').append(enc(pair.substring(eq + 1)));
        }
        return sb.toString();
    }
}
