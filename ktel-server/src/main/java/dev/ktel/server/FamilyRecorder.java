package dev.ktel.server;

import dev.ktel.core.metric.MetricFamily;
import dev.ktel.core.metric.MetricSink;
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
    return new MetricSink() {
      @Override
      public void family(MetricFamily f) {
        families.putIfAbsent(f.name(), f);
        out.family(f);
      }

      @Override
      public void sample(double v) {
        out.sample(v);
      }

      @Override
      public void sample(String a, double v) {
        out.sample(a, v);
      }

      @Override
      public void sample(String a, String b, double v) {
        out.sample(a, b, v);
      }

      @Override
      public void sample(String a, String b, String c, double v) {
        out.sample(a, b, c, v);
      }

      @Override
      public void sample(String[] values, double v) {
        out.sample(values, v);
      }

      @Override
      public void histogram(String[] values, double[] bounds, long[] counts, long count, double sum) {
        out.histogram(values, bounds, counts, count, sum);
      }

      @Override
      public void checkpoint() {
        out.checkpoint();
      }

      @Override
      public void rollback() {
        out.rollback();
      }
    };
  }
}
