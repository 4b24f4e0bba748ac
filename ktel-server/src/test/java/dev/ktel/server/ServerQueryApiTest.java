package dev.ktel.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktel.core.http.HttpServer;
import dev.ktel.core.metric.MetricFamily;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server answers PromQL over what it stored, through the Prometheus HTTP API, with metadata from the stored
 * families and the query page at /.
 */
class ServerQueryApiTest {
  @TempDir
  Path data;

  private static HttpResponse<String> get(String url) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void storedCollectionsAreQueryableWithPromql() throws Exception {
    MetricFamily requests = MetricFamily.counter("demo_requests_total", "Requests served.", "path");
    AtomicInteger round = new AtomicInteger();
    try (Server server = new Server(ServerSettings.of(data)).start()) {
      server.ingestFrom(sink -> {
        int r = round.incrementAndGet();
        sink.family(requests);
        sink.sample("/a", 10 * r);
        sink.sample("/b", 5 * r);
      }, Duration.ofMillis(200), "host-a");
      HttpServer http = server.serve(new InetSocketAddress("127.0.0.1", 0));
      String base = "http://127.0.0.1:" + http.port();
      long deadline = System.nanoTime() + 20_000_000_000L;
      while (round.get() < 3 && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      String q = URLEncoder.encode("sum by (job) (demo_requests_total)", StandardCharsets.UTF_8);
      HttpResponse<String> res = get(base + "/api/v1/query?query=" + q);
      assertThat(res.statusCode()).isEqualTo(200);
      assertThat(res.body()).startsWith("{\"status\":\"success\"").contains("\"resultType\":\"vector\"")
          .contains("\"job\":\"ktel\"");
      HttpResponse<String> bad = get(base + "/api/v1/query?query=" + URLEncoder.encode("sum(", StandardCharsets.UTF_8));
      assertThat(bad.statusCode()).isEqualTo(400);
      assertThat(bad.body()).contains("\"errorType\":\"bad_data\"").contains("1:5");
      assertThat(get(base + "/api/v1/metadata").body()).contains("demo_requests_total").contains("Requests served.");
      assertThat(get(base + "/api/v1/label/path/values").body()).contains("\"/a\"", "\"/b\"");
      HttpResponse<String> page = get(base + "/");
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).containsIgnoringCase("<html");
      assertThat(get(base + "/metrics").body()).contains("ktel_api_requests_total");
    }
  }
}
