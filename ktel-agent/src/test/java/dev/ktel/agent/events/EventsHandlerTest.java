package dev.ktel.agent.events;

import static dev.ktel.agent.events.TestEvents.T0;
import static dev.ktel.agent.events.TestEvents.event;
import static dev.ktel.agent.events.TestEvents.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ktel.core.event.Event;
import dev.ktel.core.event.Severity;
import dev.ktel.core.http.HttpException;
import dev.ktel.core.http.HttpRequest;
import dev.ktel.core.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventsHandlerTest {
    private final EventRing ring = new EventRing();
    private final EventsHandler handler = new EventsHandler(ring);

    @BeforeEach
    void fill() {
        ring.accept(new Event(T0 + 123_456_789L, "node-1", "oom_kill", Severity.ERR,
                pod("/kubepods/burstable/pod1/abc", "abc", "web-0", "shop"),
                Map.of("pid", "7", "comm", "java", "anon_rss_kb", "32512"),
                "Memory cgroup out of memory: Killed process 7 (java)\n\"quoted\"", "kmsg", 890));
        for (int i = 1; i <= 150; i++) {
            ring.accept(event(10 + i, "log", Severity.INFO));
        }
        ring.accept(event(1000, "segfault", Severity.WARNING));
    }

    private String get(String target) throws Exception {
        HttpResponse resp = new HttpResponse();
        handler.handle(HttpRequest.of("GET", target, Map.of(), new byte[0]), resp);
        assertThat(resp.status()).isEqualTo(200);
        assertThat(resp.header("Content-Type")).isEqualTo("application/json");
        return resp.bodyText();
    }

    @Test
    void servesTheEnvelopeWithNanosecondTimesKeysAndAttributes() throws Exception {
        String body = get("/api/ktel/v1/events?type=oom_kill");
        assertThat(body).isEqualTo("{\"status\":\"success\",\"data\":[{\"time\":\"2026-11-25T00:00:00.123456789Z\","
                + "\"host\":\"node-1\",\"type\":\"oom_kill\",\"severity\":\"err\",\"source\":\"kmsg\",\"sequence\":890,"
                + "\"key\":{\"cgroup\":\"/kubepods/burstable/pod1/abc\",\"container_id\":\"abc\",\"runtime\":"
                + "\"containerd\",\"pod_uid\":\"uid-web-0\",\"pod\":\"web-0\",\"namespace\":\"shop\",\"qos_class\":"
                + "\"burstable\",\"container\":\"app\"},\"attributes\":{\"anon_rss_kb\":\"32512\",\"comm\":\"java\","
                + "\"pid\":\"7\"},\"message\":\"Memory cgroup out of memory: Killed process 7 (java)\\n\\\"quoted\\\"\"}]}");
    }

    @Test
    void defaultLimitIs100NewestFirst() throws Exception {
        String body = get("/api/ktel/v1/events");
        assertThat(count(body)).isEqualTo(100);
        assertThat(body).startsWith("{\"status\":\"success\",\"data\":[{\"time\":\"2026-11-25T00:16:40.000000000Z\"");
        assertThat(count(get("/api/ktel/v1/events?limit=10000"))).isEqualTo(152);
        assertThat(count(get("/api/ktel/v1/events?limit=3"))).isEqualTo(3);
    }

    @Test
    void filters() throws Exception {
        assertThat(count(get("/api/ktel/v1/events?severity=warning"))).isEqualTo(2);
        assertThat(count(get("/api/ktel/v1/events?severity=err"))).isEqualTo(1);
        assertThat(count(get("/api/ktel/v1/events?type=oom_kill,segfault"))).isEqualTo(2);
        assertThat(count(get("/api/ktel/v1/events?type=oom_kill&type=segfault&limit=1"))).isEqualTo(1);
        assertThat(count(get("/api/ktel/v1/events?pod=web"))).isEqualTo(1);
        assertThat(count(get("/api/ktel/v1/events?container=%3Dabc"))).isEqualTo(1);
        assertThat(count(get("/api/ktel/v1/events?cgroup=burstable&namespace=shop"))).isEqualTo(1);
        assertThat(count(get("/api/ktel/v1/events?cgroup=besteffort"))).isZero();
        // Unix seconds and RFC 3339, both inclusive
        long t0 = T0 / 1_000_000_000L;
        assertThat(count(get("/api/ktel/v1/events?start=" + (t0 + 1000) + "&limit=10000"))).isEqualTo(1);
        assertThat(count(get("/api/ktel/v1/events?end=" + t0 + ".5&limit=10000"))).isEqualTo(1);
        assertThat(count(get("/api/ktel/v1/events?start=2026-11-25T00:00:11Z&end=2026-11-25T00:00:20%2B00:00"))).isEqualTo(10);
        assertThat(get("/api/ktel/v1/events?type=nothing")).isEqualTo("{\"status\":\"success\",\"data\":[]}");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "limit=0|invalid parameter \"limit\": must be between 1 and 10000, got 0",
        "limit=10001|invalid parameter \"limit\": must be between 1 and 10000, got 10001",
        "limit=ten|invalid parameter \"limit\": cannot parse \"ten\" to an integer",
        "severity=loud|invalid parameter \"severity\": unknown severity \"loud\"",
        "start=yesterday|invalid parameter \"start\": cannot parse \"yesterday\" to a valid timestamp",
        "end=2026-13-01T00:00:00Z|invalid parameter \"end\": cannot parse",
        "start=200&end=100|invalid parameter \"end\": end timestamp must not be before start time",
    })
    void badParametersAre400BadData(String query, String message) {
        assertThatThrownBy(() -> get("/api/ktel/v1/events?" + query))
                .isInstanceOfSatisfying(HttpException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.errorType()).isEqualTo("bad_data");
                    assertThat(e.getMessage()).startsWith(message);
                });
    }

    @Test
    void formPostIsAcceptedAndOtherMethodsAreNot() throws Exception {
        HttpResponse resp = new HttpResponse();
        handler.handle(HttpRequest.of("POST", "/api/ktel/v1/events",
                Map.of("content-type", "application/x-www-form-urlencoded"),
                "type=segfault".getBytes(StandardCharsets.UTF_8)), resp);
        assertThat(count(resp.bodyText())).isEqualTo(1);
        assertThatThrownBy(() -> handler.handle(HttpRequest.of("DELETE", "/api/ktel/v1/events", Map.of(),
                new byte[0]), new HttpResponse())).isInstanceOfSatisfying(HttpException.class,
                        e -> assertThat(e.status()).isEqualTo(405));
    }

    @Test
    void timesBeforeTheEpochAndAtNanosecondPrecision() {
        assertThat(EventsHandler.rfc3339(1L)).isEqualTo("1970-01-01T00:00:00.000000001Z");
        assertThat(EventsHandler.rfc3339(-1L)).isEqualTo("1969-12-31T23:59:59.999999999Z");
    }

    private static int count(String body) {
        int n = 0;
        for (int i = body.indexOf("\"time\":"); i >= 0; i = body.indexOf("\"time\":", i + 1)) {
            n++;
        }
        return n;
    }
}
