package dev.ktel.server;

import dev.ktel.agent.metrics.MetricSource;
import dev.ktel.core.exposition.ByteBuf;
import dev.ktel.core.exposition.ExpositionFormat;
import dev.ktel.core.exposition.TextExpositionWriter;
import dev.ktel.core.http.HttpException;
import dev.ktel.core.http.HttpHandler;
import dev.ktel.core.http.HttpRequest;
import dev.ktel.core.http.HttpResponse;
import java.util.List;

/**
 * GET /metrics of a server that runs without collectors ({@code ktel server}): its own self-metrics only. With an
 * agent in the process, the agent's /metrics carries the same families instead.
 */
final class ServerMetricsHandler implements HttpHandler {
  private final List<MetricSource> sources;

  ServerMetricsHandler(List<MetricSource> sources) {
    this.sources = sources; // live: features registered with the routes add their sources after this handler exists
  }

  @Override
  public void handle(HttpRequest req, HttpResponse res) {
    if (!req.method().equals("GET") && !req.method().equals("HEAD")) {
      throw new HttpException(405, "bad_data", "method " + req.method() + " not allowed on /metrics");
    }
    ExpositionFormat format = ExpositionFormat.negotiate(req.header("accept"));
    ByteBuf buf = new ByteBuf(16 * 1024);
    TextExpositionWriter w = new TextExpositionWriter(buf);
    w.begin(format);
    for (MetricSource s : sources) {
      w.checkpoint();
      try {
        s.write(w);
      } catch (RuntimeException e) {
        w.rollback();
      }
    }
    w.finish();
    res.status(200).contentType(format.contentType()).body(buf.array(), 0, buf.length());
  }
}
