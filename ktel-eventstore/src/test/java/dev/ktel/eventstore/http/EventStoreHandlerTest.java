package dev.ktel.eventstore.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ktel.core.event.CorrelationKey;
import dev.ktel.core.event.Event;
import dev.ktel.core.event.Severity;
import dev.ktel.core.http.HttpException;
import dev.ktel.core.http.HttpRequest;
import dev.ktel.core.http.HttpResponse;
import dev.ktel.core.http.HttpServer;
import dev.ktel.eventstore.LuceneEventStore;
import dev.ktel.store.api.event.EventStore;
import dev.ktel.store.api.event.InMemoryEventStore;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The events endpoint over both stores: the agent endpoint's JSON and parameters (the expected document is the
 * agent's own test's), plus the store-only parameters.
 */
class EventStoreHandlerTest {
  /** 2026-11-25T00:00:00Z in ns. */
  static final long T0 = 1_795_564_800_000_000_000L;

  @TempDir
  Path dir;

  private final List<EventStore> stores = new ArrayList<>();

  @AfterEach
  void close() {
    stores.forEach(EventStore::close);
  }

  private EventStore store(String kind) throws Exception {
    EventStore s = kind.equals("lucene") ? LuceneEventStore.builder(dir.resolve("ev")).background(false).open()
        : new InMemoryEventStore();
    stores.add(s);
    s.append(List.of(new Event(T0 + 123_456_789L, "node-1", "oom_kill", Severity.ERR,
        new CorrelationKey("/kubepods/burstable/pod1/abc", "abc", "containerd", "uid-web-0", "web-0", "shop",
            "burstable", "app"),
        Map.of("pid", "7", "comm", "java", "anon_rss_kb", "32512"),
        "Memory cgroup out of memory: Killed process 7 (java)\n\"quoted\"", "kmsg", 890)));
    List<Event> logs = new ArrayList<>();
    for (int i = 1; i <= 150; i++) {
      logs.add(new Event(T0 + (10 + i) * 1_000_000_000L, i % 2 == 0 ? "node-1" : "node-2", "log", Severity.INFO,
          CorrelationKey.NONE, Map.of("i", Integer.toString(i)), "log message " + i, "kmsg", 10 + i));
    }
    s.append(logs);
    s.append(List.of(new Event(T0 + 1000 * 1_000_000_000L, "node-1", "segfault", Severity.WARNING, null, Map.of(),
        "segfault at 0 ip 00007f", "kmsg", 1000)));
    return s;
  }

  private static String get(EventStore s, String target) {
    HttpResponse resp = new HttpResponse();
    new EventStoreHandler(s).handle(HttpRequest.of("GET", target, Map.of(), new byte[0]), resp);
    assertThat(resp.status()).isEqualTo(200);
    assertThat(resp.header("Content-Type")).isEqualTo("application/json");
    return resp.bodyText();
  }

  private static int count(String body) {
    int n = 0;
    for (int i = body.indexOf("\"time\":"); i >= 0; i = body.indexOf("\"time\":", i + 1)) {
      n++;
    }
    return n;
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "lucene"})
  void servesTheAgentsJsonDocument(String kind) throws Exception {
    EventStore s = store(kind);
    assertThat(get(s, "/api/ktel/v1/events?type=oom_kill")).isEqualTo(
        "{\"status\":\"success\",\"data\":[{\"time\":\"2026-11-25T00:00:00.123456789Z\","
            + "\"host\":\"node-1\",\"type\":\"oom_kill\",\"severity\":\"err\",\"source\":\"kmsg\",\"sequence\":890,"
            + "\"key\":{\"cgroup\":\"/kubepods/burstable/pod1/abc\",\"container_id\":\"abc\",\"runtime\":"
            + "\"containerd\",\"pod_uid\":\"uid-web-0\",\"pod\":\"web-0\",\"namespace\":\"shop\",\"qos_class\":"
            + "\"burstable\",\"container\":\"app\"},\"attributes\":{\"anon_rss_kb\":\"32512\",\"comm\":\"java\","
            + "\"pid\":\"7\"},\"message\":\"Memory cgroup out of memory: Killed process 7 (java)\\n\\\"quoted\\\"\"}]}");
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "lucene"})
  void agentParameters(String kind) throws Exception {
    EventStore s = store(kind);
    assertThat(count(get(s, "/api/ktel/v1/events"))).isEqualTo(100);
    assertThat(get(s, "/api/ktel/v1/events")).startsWith(
        "{\"status\":\"success\",\"data\":[{\"time\":\"2026-11-25T00:16:40.000000000Z\"");
    assertThat(count(get(s, "/api/ktel/v1/events?limit=10000"))).isEqualTo(152);
    assertThat(count(get(s, "/api/ktel/v1/events?severity=warning"))).isEqualTo(2);
    assertThat(count(get(s, "/api/ktel/v1/events?type=oom_kill,segfault"))).isEqualTo(2);
    assertThat(count(get(s, "/api/ktel/v1/events?type=oom_kill&type=segfault&limit=1"))).isEqualTo(1);
    assertThat(count(get(s, "/api/ktel/v1/events?pod=web"))).isEqualTo(1);
    assertThat(count(get(s, "/api/ktel/v1/events?pod=%3Dweb"))).isZero();
    assertThat(count(get(s, "/api/ktel/v1/events?container=%3Dabc"))).isEqualTo(1);
    assertThat(count(get(s, "/api/ktel/v1/events?container=%3Dapp"))).isEqualTo(1);
    assertThat(count(get(s, "/api/ktel/v1/events?cgroup=burstable&namespace=shop"))).isEqualTo(1);
    assertThat(count(get(s, "/api/ktel/v1/events?cgroup=besteffort"))).isZero();
    long t0 = T0 / 1_000_000_000L;
    assertThat(count(get(s, "/api/ktel/v1/events?start=" + (t0 + 1000) + "&limit=10000"))).isEqualTo(1);
    assertThat(count(get(s, "/api/ktel/v1/events?end=" + t0 + ".5&limit=10000"))).isEqualTo(1);
    assertThat(count(get(s, "/api/ktel/v1/events?start=2026-11-25T00:00:11Z&end=2026-11-25T00:00:20%2B00:00")))
        .isEqualTo(10);
    assertThat(get(s, "/api/ktel/v1/events?type=nothing")).isEqualTo("{\"status\":\"success\",\"data\":[]}");
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "lucene"})
  void storeParameters(String kind) throws Exception {
    EventStore s = store(kind);
    assertThat(count(get(s, "/api/ktel/v1/events?q=killed+java"))).isEqualTo(1);
    assertThat(count(get(s, "/api/ktel/v1/events?q=log+message&limit=10000"))).isEqualTo(150);
    assertThat(count(get(s, "/api/ktel/v1/events?q=seg*"))).isEqualTo(1);
    assertThat(count(get(s, "/api/ktel/v1/events?host=node-2&limit=10000"))).isEqualTo(75);
    assertThat(count(get(s, "/api/ktel/v1/events?attr=i%3D42"))).isEqualTo(1);
    assertThat(get(s, "/api/ktel/v1/events?order=oldest&limit=1")).contains("\"sequence\":890");
    assertThat(get(s, "/api/ktel/v1/events?order=newest&limit=1")).contains("\"sequence\":1000");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "limit=0|invalid parameter \"limit\": must be between 1 and 10000, got 0",
      "limit=ten|invalid parameter \"limit\": cannot parse \"ten\" to an integer",
      "severity=loud|invalid parameter \"severity\": unknown severity \"loud\"",
      "start=yesterday|invalid parameter \"start\": cannot parse \"yesterday\" to a valid timestamp",
      "start=200&end=100|invalid parameter \"end\": end timestamp must not be before start time",
      "order=random|invalid parameter \"order\": expected newest or oldest, got \"random\"",
      "attr=novalue|invalid parameter \"attr\": expected name=value, got \"novalue\"",
      "pod=%3D|invalid parameter \"pod\": empty value after \"=\"",
  })
  void badParametersAre400BadData(String query, String message) {
    EventStore s = new InMemoryEventStore();
    assertThatThrownBy(() -> get(s, "/api/ktel/v1/events?" + query))
        .isInstanceOfSatisfying(HttpException.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.errorType()).isEqualTo("bad_data");
          assertThat(e.getMessage()).startsWith(message);
        });
  }

  @ParameterizedTest
  @ValueSource(strings = {"lucene"})
  void servedOverRealHttpOnLoopback(String kind) throws Exception {
    EventStore s = store(kind);
    try (HttpServer server = new HttpServer(new InetSocketAddress("127.0.0.1", 0))
        .route(EventStoreHandler.PATH, new EventStoreHandler(s)).start()) {
      var resp = HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + server.port() + EventStoreHandler.PATH + "?type=segfault")).build(),
          BodyHandlers.ofString());
      assertThat(resp.statusCode()).isEqualTo(200);
      assertThat(resp.body()).contains("\"type\":\"segfault\"").contains("\"key\":{}");
      assertThat(count(resp.body())).isEqualTo(1);
    }
  }
}
