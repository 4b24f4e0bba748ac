package dev.ktel.server;

import dev.ktel.core.metric.MetricFamily;
import dev.ktel.core.metric.MetricSink;
import dev.ktel.pipeline.ForwardingSink;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers the families (name, type, HELP) of what the local agent collected, for /api/v1/metadata: Prometheus
 * answers it from its scrape targets, ktel from the families it stored. Passes everything on unchanged.
 */
final class FamilyRecorder {
  private final Map<String, MetricFamily> families = new ConcurrentHashMap<>();

  Collection<MetricFamily> families() {
    return families.values();
  }

  MetricSink wrap(MetricSink out) {
    return new ForwardingSink(out) {
      @Override
      public void family(MetricFamily f) {
        families.putIfAbsent(f.name(), f);
        next.family(f);
      }
    };
  }
}
