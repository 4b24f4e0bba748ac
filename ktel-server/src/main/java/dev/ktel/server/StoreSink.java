package dev.ktel.server;

import dev.ktel.core.metric.MetricFamily;
import dev.ktel.core.metric.MetricSink;
import dev.ktel.store.api.Appender;
import dev.ktel.store.api.ClassicHistogram;
import dev.ktel.store.api.Labels;
import dev.ktel.store.api.SampleRejectedException;
import dev.ktel.store.api.SeriesStore;
import dev.ktel.store.api.StaleNaN;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * A {@link MetricSink} that turns one collection into one store commit at one timestamp, as Prometheus' scrape loop
 * does: every sample gets the collection's timestamp, classic histograms become {@code _bucket{le}}, {@code _sum}
 * and {@code _count} float series, and a series present in the previous collection but missing from this one gets a
 * staleness marker. Samples are buffered so that a collector's {@link #rollback()} can drop its partial output.
 * One collection at a time; not thread-safe.
 */
final class StoreSink implements MetricSink {
  /** Outcome of one collection. */
  record Result(int appended, int rejected, int staleMarkers) {
  }

  private final SeriesStore store;
  private final RejectionCounter rejections;
  private MetricFamily family;
  private Labels[] ls = new Labels[1024];
  private double[] vs = new double[1024];
  private int n;
  private int checkpoint;
  private Set<Labels> previous = new HashSet<>();
  private final String[] target;

  StoreSink(SeriesStore store, RejectionCounter rejections) {
    this(store, rejections, new String[0]);
  }

  /**
   * @param target target labels as name, value pairs (e.g. host, instance, job) added to every series; a collector's
   *               own label of the same name is kept as {@code exported_<name>}, as Prometheus does without
   *               honor_labels
   */
  StoreSink(SeriesStore store, RejectionCounter rejections, String[] target) {
    this.store = store;
    this.rejections = rejections;
    this.target = target.clone();
  }

  /** Starts a collection (drops anything buffered). */
  void begin() {
    Arrays.fill(ls, 0, n, null);
    n = 0;
    checkpoint = 0;
    family = null;
  }

  /** Appends the buffered collection at {@code timestampMillis}, adds staleness markers and commits. */
  Result commit(long timestampMillis) {
    Appender a = store.appender();
    Set<Labels> current = new HashSet<>(n * 2);
    int rejected = 0;
    for (int i = 0; i < n; i++) {
      if (!current.add(ls[i])) {
        rejected++; // the same series twice in one collection: keep the first, as a scrape would reject it
        rejections.add(SampleRejectedException.Reason.DUPLICATE_TIMESTAMP);
        continue;
      }
      try {
        a.append(ls[i], timestampMillis, vs[i]);
      } catch (SampleRejectedException e) {
        rejected++;
        rejections.add(e.reason());
      }
    }
    int stale = 0;
    for (Labels gone : previous) {
      if (!current.contains(gone)) {
        try {
          a.append(gone, timestampMillis, StaleNaN.VALUE);
          stale++;
        } catch (SampleRejectedException e) {
          rejections.add(e.reason());
        }
      }
    }
    int stored;
    try {
      stored = a.commit();
    } catch (RuntimeException e) {
      a.rollback();
      throw e;
    }
    previous = current;
    begin();
    return new Result(stored, rejected, stale);
  }

  @Override
  public void family(MetricFamily f) {
    this.family = f;
  }

  @Override
  public void sample(double value) {
    add(base().build(), value);
  }

  @Override
  public void sample(String v1, double value) {
    add(label(base(), family.labelName(0), v1).build(), value);
  }

  @Override
  public void sample(String v1, String v2, double value) {
    Labels.Builder b = label(base(), family.labelName(0), v1);
    add(label(b, family.labelName(1), v2).build(), value);
  }

  @Override
  public void sample(String v1, String v2, String v3, double value) {
    Labels.Builder b = label(label(base(), family.labelName(0), v1), family.labelName(1), v2);
    add(label(b, family.labelName(2), v3).build(), value);
  }

  @Override
  public void sample(String[] labelValues, double value) {
    add(withLabels(family.name(), labelValues).build(), value);
  }

  @Override
  public void histogram(String[] labelValues, double[] upperBounds, long[] cumulativeCounts, long count, double sum) {
    String name = family.name();
    for (int i = 0; i < upperBounds.length; i++) {
      add(withLabels(name + "_bucket", labelValues).set("le", ClassicHistogram.formatBound(upperBounds[i])).build(),
          cumulativeCounts[i]);
    }
    add(withLabels(name + "_bucket", labelValues).set("le", "+Inf").build(), count);
    add(withLabels(name + "_sum", labelValues).build(), sum);
    add(withLabels(name + "_count", labelValues).build(), count);
  }

  @Override
  public void checkpoint() {
    checkpoint = n;
  }

  @Override
  public void rollback() {
    Arrays.fill(ls, checkpoint, n, null);
    n = checkpoint;
    family = null;
  }

  private Labels.Builder base() {
    if (family == null) {
      throw new IllegalStateException("sample written before family()");
    }
    return withTarget(Labels.builder().set(Labels.METRIC_NAME, family.name()));
  }

  private Labels.Builder withTarget(Labels.Builder b) {
    for (int i = 0; i < target.length; i += 2) {
      b.set(target[i], target[i + 1]);
    }
    return b;
  }

  /** Sets a collector's label, moving it aside when a target label has the same name. */
  private Labels.Builder label(Labels.Builder b, String name, String value) {
    for (int i = 0; i < target.length; i += 2) {
      if (target[i].equals(name)) {
        return b.set("exported_" + name, value);
      }
    }
    return b.set(name, value);
  }

  private Labels.Builder withLabels(String name, String[] values) {
    if (family == null) {
      throw new IllegalStateException("sample written before family()");
    }
    if (values.length != family.labelCount()) {
      throw new IllegalArgumentException(family.name() + ": expected " + family.labelCount() + " label values, got "
          + values.length);
    }
    Labels.Builder b = withTarget(Labels.builder().set(Labels.METRIC_NAME, name));
    for (int i = 0; i < values.length; i++) {
      label(b, family.labelName(i), values[i]);
    }
    return b;
  }

  private void add(Labels l, double v) {
    if (n == ls.length) {
      ls = Arrays.copyOf(ls, n * 2);
      vs = Arrays.copyOf(vs, n * 2);
    }
    ls[n] = l;
    vs[n++] = v;
  }
}
