package dev.ktel.store.api;

import java.util.Arrays;
import java.util.Objects;

/**
 * The identity of a series: label name/value pairs sorted by name, the metric name stored under {@link #METRIC_NAME}.
 * Immutable. Empty values are dropped (Prometheus semantics: a label with an empty value is an absent label).
 * Ordering ({@link #compareTo}) compares pair by pair, name then value, then length, as Prometheus' labels.Compare.
 */
public final class Labels implements Comparable<Labels> {
  /** The reserved label that holds the metric name. */
  public static final String METRIC_NAME = "__name__";
  public static final Labels EMPTY = new Labels(new String[0]);

  /** name0, value0, name1, value1, ... sorted by name. */
  private final String[] nv;
  private int hash;

  private Labels(String[] sortedPairs) {
    this.nv = sortedPairs;
  }

  /** Labels from alternating names and values, in any order; duplicate names are an error. */
  public static Labels of(String... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("odd number of label names and values: " + namesAndValues.length);
    }
    Builder b = builder();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      b.set(namesAndValues[i], namesAndValues[i + 1]);
    }
    return b.build();
  }

  /** Labels with a metric name plus alternating names and values. */
  public static Labels metric(String name, String... namesAndValues) {
    Builder b = builder().set(METRIC_NAME, name);
    for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
      b.set(namesAndValues[i], namesAndValues[i + 1]);
    }
    return b.build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder initialised with these labels. */
  public Builder toBuilder() {
    Builder b = new Builder();
    for (int i = 0; i < nv.length; i += 2) {
      b.set(nv[i], nv[i + 1]);
    }
    return b;
  }

  public int size() {
    return nv.length / 2;
  }

  public String name(int i) {
    return nv[2 * i];
  }

  public String value(int i) {
    return nv[2 * i + 1];
  }

  /** The value of a label, or "" when absent (an absent label matches "" as in Prometheus). */
  public String get(String name) {
    int lo = 0, hi = size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = nv[2 * mid].compareTo(name);
      if (c == 0) {
        return nv[2 * mid + 1];
      }
      if (c < 0) {
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return "";
  }

  /** The metric name, or "" when there is none. */
  public String metricName() {
    return get(METRIC_NAME);
  }

  @Override
  public int compareTo(Labels o) {
    int n = Math.min(nv.length, o.nv.length);
    for (int i = 0; i < n; i++) {
      int c = nv[i].compareTo(o.nv[i]);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(nv.length, o.nv.length);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Labels l && Arrays.equals(nv, l.nv);
  }

  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0) {
      h = Arrays.hashCode(nv);
      hash = h;
    }
    return h;
  }

  /** Prometheus text style: {@code name{a="1", b="2"}}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(metricName()).append('{');
    boolean first = true;
    for (int i = 0; i < nv.length; i += 2) {
      if (nv[i].equals(METRIC_NAME)) {
        continue;
      }
      if (!first) {
        sb.append(", ");
      }
      first = false;
      sb.append(nv[i]).append("=\"");
      String v = nv[i + 1];
      for (int k = 0; k < v.length(); k++) {
        char c = v.charAt(k);
        switch (c) {
          case '\\' -> sb.append("\\\\");
          case '"' -> sb.append("\\\"");
          case '\n' -> sb.append("\\n");
          default -> sb.append(c);
        }
      }
      sb.append('"');
    }
    return sb.append('}').toString();
  }

  /** Mutable builder; {@link #build()} sorts and validates. */
  public static final class Builder {
    private String[] nv = new String[16];
    private int n;

    private Builder() {
    }

    /** Sets (or replaces) a label; an empty value removes it. */
    public Builder set(String name, String value) {
      Objects.requireNonNull(name, "label name");
      Objects.requireNonNull(value, "label value of " + name);
      if (name.isEmpty()) {
        throw new IllegalArgumentException("empty label name (value \"" + value + "\")");
      }
      for (int i = 0; i < n; i += 2) {
        if (nv[i].equals(name)) {
          nv[i + 1] = value;
          return this;
        }
      }
      if (n == nv.length) {
        nv = Arrays.copyOf(nv, n * 2);
      }
      nv[n++] = name;
      nv[n++] = value;
      return this;
    }

    public Builder remove(String name) {
      return set(name, "");
    }

    public Labels build() {
      int pairs = 0;
      for (int i = 0; i < n; i += 2) {
        if (!nv[i + 1].isEmpty()) {
          pairs++;
        }
      }
      Integer[] idx = new Integer[pairs];
      int k = 0;
      for (int i = 0; i < n; i += 2) {
        if (!nv[i + 1].isEmpty()) {
          idx[k++] = i;
        }
      }
      Arrays.sort(idx, (a, b) -> nv[a].compareTo(nv[b]));
      String[] out = new String[pairs * 2];
      for (int i = 0; i < pairs; i++) {
        out[2 * i] = nv[idx[i]];
        out[2 * i + 1] = nv[idx[i] + 1];
      }
      return new Labels(out);
    }
  }
}
