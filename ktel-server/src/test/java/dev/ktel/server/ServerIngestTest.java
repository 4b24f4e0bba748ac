package dev.ktel.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktel.agent.Agent;
import dev.ktel.agent.AgentSettings;
import dev.ktel.collectors.CollectorSelection;
import dev.ktel.core.io.HostPaths;
import dev.ktel.store.api.Matcher;
import dev.ktel.store.api.SampleIterator;
import dev.ktel.store.api.Series;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ktel run} in-process: the real agent on the real host and the server on the agent's endpoint. After two
 * ingest intervals the store holds the node_* series with the values the agent serves, the agent's /metrics carries the
 * store self-metrics, and the data survives closing and reopening the data directory.
 */
class ServerIngestTest {
  @TempDir
  Path data;

  private static long collections(Server server) {
    dev.ktel.core.metric.SampleRecorder r = new dev.ktel.core.metric.SampleRecorder();
    server.metrics().write(r);
    return r.value("ktel_local_ingest_collections_total").orElse(0.0).longValue();
  }

  @Test
  void runStoresTheAgentsCollectionsAndKeepsThemAcrossRestart() throws Exception {
    AgentSettings settings = new AgentSettings(new InetSocketAddress("127.0.0.1", 0), data, Duration.ofMillis(300),
        "test-host", HostPaths.host(), CollectorSelection.defaults(), false, "run");
    Agent agent = new Agent(settings, "test");
    Server server = new Server(ServerSettings.of(data)).start();
    try {
      agent.addMetricSource(server.metrics()::write);
      agent.start();
      server.routes(agent.http());
      java.util.concurrent.atomic.AtomicInteger round = new java.util.concurrent.atomic.AtomicInteger();
      dev.ktel.core.metric.MetricFamily once = dev.ktel.core.metric.MetricFamily.gauge("test_first_collection_only",
          "A series that disappears after the first collection.");
      server.ingestFrom(sink -> {
        agent.collectors().collect(sink);
        server.metrics().write(sink);
        if (round.getAndIncrement() == 0) {
          sink.family(once);
          sink.sample(1);
        }
      }, settings.interval(), "host-a");
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (collections(server) < 2 && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(collections(server)).as("two intervals collected").isGreaterThanOrEqualTo(2);

      List<Series> node = server.store().select(0, Long.MAX_VALUE, Matcher.re("__name__", "node_.*"));
      TreeSet<String> names = new TreeSet<>();
      node.forEach(s -> names.add(s.labels().metricName()));
      assertThat(names).contains("node_boot_time_seconds", "node_load1", "node_scrape_collector_success");
      Series load = server.store().select(0, Long.MAX_VALUE, Matcher.metricName("node_load1")).getFirst();
      assertThat(count(load)).as("one sample per collection").isGreaterThanOrEqualTo(2);
      assertThat(List.of(load.labels().get("host"), load.labels().get("instance"), load.labels().get("job")))
          .as("target labels, as a forwarded series carries").containsExactly("host-a", "host-a", "ktel");
      Series success = server.store().select(0, Long.MAX_VALUE, Matcher.metricName("node_scrape_collector_success"))
          .getFirst();
      assertThat(success.labels().get("collector")).as("collector labels kept").isNotNull();
      Series gone = server.store().select(0, Long.MAX_VALUE, Matcher.metricName("test_first_collection_only"))
          .getFirst();
      assertThat(count(gone)).isEqualTo(2);
      assertThat(dev.ktel.store.api.StaleNaN.isStale(last(gone))).as("removed series gets a staleness marker")
          .isTrue();

      String exposition = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + agent.http().port() + "/metrics")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      var m = Pattern.compile("(?m)^node_boot_time_seconds (\\S+)$").matcher(exposition);
      assertThat(m.find()).as("boot time in /metrics").isTrue();
      double served = Double.parseDouble(m.group(1));
      assertThat(last(server.store().select(0, Long.MAX_VALUE, Matcher.metricName("node_boot_time_seconds"))
          .getFirst())).as("stored value equals the agent's").isEqualTo(served);
      assertThat(exposition).contains("ktel_tsdb_head_series", "ktel_tsdb_samples_appended_total",
          "ktel_tsdb_bytes_on_disk{tier=\"5m\"}", "ktel_local_ingest_samples_total");
      assertThat(server.store().select(0, Long.MAX_VALUE, Matcher.metricName("ktel_tsdb_head_series")))
          .as("the store's self-metrics are stored too").hasSize(1);
    } finally {
      server.close();
      agent.close();
    }
    try (Server reopened = new Server(ServerSettings.of(data)).start()) {
      Series boot = reopened.store().select(0, Long.MAX_VALUE, Matcher.metricName("node_boot_time_seconds"))
          .getFirst();
      assertThat(count(boot)).as("samples survive a restart").isGreaterThanOrEqualTo(2);
    }
  }

  static int count(Series s) {
    SampleIterator it = s.iterator();
    int n = 0;
    while (it.next()) {
      n++;
    }
    return n;
  }

  static double last(Series s) {
    SampleIterator it = s.iterator();
    double v = Double.NaN;
    while (it.next()) {
      v = it.v();
    }
    return v;
  }
}
