package dev.ktel.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktel.core.event.CorrelationKey;
import dev.ktel.core.event.Event;
import dev.ktel.core.event.EventSink;
import dev.ktel.core.event.Severity;
import dev.ktel.core.http.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's event store: the local agent's events (queued writer) and agents' events (ingest path) are stored
 * durably, served at /api/ktel/v1/events, counted in the self-metrics, and still there after a restart.
 */
class ServerEventsTest {
  @TempDir
  Path data;

  private static Event event(long seq, String type, String message) {
    return new Event(System.currentTimeMillis() * 1_000_000L + seq, "host-a", type, Severity.ERR,
        CorrelationKey.NONE, Map.of("pid", Long.toString(seq)), message, "kmsg", seq);
  }

  @Test
  void eventsAreStoredServedAndSurviveRestart() throws Exception {
    try (Server server = new Server(ServerSettings.of(data)).start()) {
      EventSink local = server.localEvents();
      for (int i = 1; i <= 50; i++) {
        local.accept(event(i, "log", "eth0: link is up " + i));
      }
      local.accept(event(51, "oom_kill", "Memory cgroup out of memory: Killed process 51 (java)"));
      server.storeEvents(List.of(event(52, "hung_task", "task kworker blocked for more than 120 seconds")));
      HttpServer http = server.serve(new InetSocketAddress("127.0.0.1", 0));
      String base = "http://127.0.0.1:" + http.port();
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (server.events().count() < 52 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(server.events().count()).isEqualTo(52);
      HttpResponse<String> res = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create(base + "/api/ktel/v1/events?type=oom_kill")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(res.statusCode()).isEqualTo(200);
      assertThat(res.body()).contains("Killed process 51").doesNotContain("link is up");
      String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      assertThat(metrics).contains("ktel_event_store_dropped_total 0");
    }
    try (Server reopened = new Server(ServerSettings.of(data)).start()) {
      assertThat(reopened.events().count()).as("events survive a restart").isEqualTo(52);
    }
  }
}
