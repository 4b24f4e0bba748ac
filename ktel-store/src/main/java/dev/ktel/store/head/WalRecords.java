package dev.ktel.store.head;

import dev.ktel.store.api.Labels;
import dev.ktel.store.encoding.Decbuf;
import dev.ktel.store.encoding.Encbuf;
import dev.ktel.store.encoding.FormatException;
import java.util.List;

/** Encodes and replays the head's WAL records (layout: {@code docs/format/wal.md}). */
public final class WalRecords {
  public static final byte SERIES = 1;
  public static final byte SAMPLES = 2;

  private WalRecords() {
  }

  public static void encodeSeries(List<MemSeries> series, Encbuf out) {
    out.reset();
    out.putUvarint(series.size());
    for (MemSeries s : series) {
      out.putUvarint(s.ref);
      out.putUvarint(s.labels.size());
      for (int i = 0; i < s.labels.size(); i++) {
        out.putString(s.labels.name(i));
        out.putString(s.labels.value(i));
      }
    }
  }

  /** Samples record: count, base timestamp, then per sample ref, timestamp delta from base, raw value bits. */
  public static void encodeSamples(MemSeries[] s, long[] t, double[] v, int n, Encbuf out) {
    out.reset();
    out.putUvarint(n);
    if (n == 0) {
      return;
    }
    long base = t[0];
    out.putVarint(base);
    for (int i = 0; i < n; i++) {
      out.putUvarint(s[i].ref);
      out.putVarint(t[i] - base);
      out.putU64(Double.doubleToRawLongBits(v[i]));
    }
  }

  /** Counts of what replay applied and skipped. */
  public static final class ReplayCounts {
    public long samples;
    public long belowMinValid;
    public long unknownSeries;
  }

  /** Applies one replayed record to the head. */
  public static void replay(Head head, byte type, Decbuf d, ReplayCounts counts) {
    switch (type) {
      case SERIES -> {
        int n = d.getUvarintInt();
        for (int i = 0; i < n; i++) {
          long ref = d.getUvarint();
          int nl = d.getUvarintInt();
          Labels.Builder b = Labels.builder();
          for (int k = 0; k < nl; k++) {
            b.set(d.getString(), d.getString());
          }
          head.create(b.build(), ref);
        }
      }
      case SAMPLES -> {
        int n = d.getUvarintInt();
        if (n == 0) {
          return;
        }
        long base = d.getVarint();
        for (int i = 0; i < n; i++) {
          long ref = d.getUvarint();
          long t = base + d.getVarint();
          double v = Double.longBitsToDouble(d.getU64());
          MemSeries s = head.byRef(ref);
          if (s == null) {
            counts.unknownSeries++;
          } else if (t < head.minValidT()) {
            counts.belowMinValid++;
          } else {
            head.add(s, t, v);
            counts.samples++;
          }
        }
      }
      default -> throw new FormatException("unknown wal record type " + type);
    }
  }
}
