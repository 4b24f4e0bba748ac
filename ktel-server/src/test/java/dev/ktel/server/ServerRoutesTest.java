package dev.ktel.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktel.core.http.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The route seam: added and discovered registrars serve on the server's own endpoint next to /metrics. */
class ServerRoutesTest {
  @TempDir
  Path data;

  /** Found through META-INF/services in the test resources. */
  public static final class DiscoveredRoutes implements RouteRegistrar {
    @Override
    public void register(HttpServer http, Server server) {
      http.route("/api/test/discovered", (req, res) -> res.text(200, "series=" + server.store().seriesCount()));
    }
  }

  private static HttpResponse<String> get(HttpServer http, String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + http.port() + path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void addedAndDiscoveredRoutesServeBesideSelfMetrics() throws Exception {
    try (Server s = new Server(ServerSettings.of(data)).start()) {
      s.addRoutes((http, server) -> http.route("/api/test/added", (req, res) -> res.text(200, "added")));
      HttpServer http = s.serve(new InetSocketAddress("127.0.0.1", 0));
      assertThat(get(http, "/api/test/added").body()).isEqualTo("added");
      assertThat(get(http, "/api/test/discovered").body()).isEqualTo("series=0");
      assertThat(get(http, "/-/ready").statusCode()).isEqualTo(200);
      HttpResponse<String> metrics = get(http, "/metrics");
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.body()).contains("# TYPE ktel_tsdb_head_series gauge", "ktel_tsdb_head_series 0");
      assertThat(get(http, "/nope").statusCode()).isEqualTo(404);
    }
  }
}
