package dev.ktel.store.head;

import dev.ktel.store.api.Labels;
import dev.ktel.store.chunk.EncodedChunk;
import dev.ktel.store.chunk.XorChunk;
import dev.ktel.store.chunk.XorIterator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One series in the head: sealed chunks plus an open {@link XorChunk} for in-order samples, and a small sorted
 * buffer for samples accepted inside the out-of-order window (merged when read and when cut into a block).
 */
public final class MemSeries {
  final long ref;
  final Labels labels;
  int id;
  final List<EncodedChunk> sealed = new ArrayList<>();
  XorChunk open;
  /** Newest in-order timestamp, and the bits of its value (fast duplicate check for re-scrapes). */
  long maxT = Long.MIN_VALUE;
  long lastBits;
  long minT = Long.MAX_VALUE;
  long[] oooT = new long[0];
  double[] oooV = new double[0];
  int oooN;
  long foundBits;

  MemSeries(long ref, Labels labels) {
    this.ref = ref;
    this.labels = labels;
  }

  public long ref() {
    return ref;
  }

  /** Position in the head's postings; changes when the head is truncated. */
  public int id() {
    return id;
  }

  public Labels labels() {
    return labels;
  }

  void appendInOrder(long t, double v) {
    if (open == null || open.numSamples() >= XorChunk.TARGET_SAMPLES) {
      if (open != null) {
        sealed.add(new EncodedChunk(open.minT(), open.maxT(), open.bytes()));
      }
      open = new XorChunk();
    }
    open.append(t, v);
    maxT = t;
    lastBits = Double.doubleToRawLongBits(v);
    minT = Math.min(minT, t);
  }

  /** Inserts an out-of-order sample; ignores an exact timestamp already in the buffer. */
  void insertOutOfOrder(long t, double v) {
    int i = Arrays.binarySearch(oooT, 0, oooN, t);
    if (i >= 0) {
      return;
    }
    i = -i - 1;
    if (oooN == oooT.length) {
      oooT = Arrays.copyOf(oooT, Math.max(8, oooN * 2));
      oooV = Arrays.copyOf(oooV, Math.max(8, oooN * 2));
    }
    System.arraycopy(oooT, i, oooT, i + 1, oooN - i);
    System.arraycopy(oooV, i, oooV, i + 1, oooN - i);
    oooT[i] = t;
    oooV[i] = v;
    oooN++;
    minT = Math.min(minT, t);
  }

  /** Whether a sample at exactly {@code t} exists; its value bits are left in {@link #foundBits}. */
  boolean lookup(long t) {
    if (t == maxT) {
      foundBits = lastBits;
      return true;
    }
    int i = Arrays.binarySearch(oooT, 0, oooN, t);
    if (i >= 0) {
      foundBits = Double.doubleToRawLongBits(oooV[i]);
      return true;
    }
    if (t > maxT || t < minT) {
      return false;
    }
    for (EncodedChunk c : sealed) {
      if (t >= c.minT() && t <= c.maxT() && find(c.data(), t)) {
        return true;
      }
    }
    return open != null && open.numSamples() > 0 && t >= open.minT() && find(open.bytes(), t);
  }

  private boolean find(byte[] data, long t) {
    XorIterator it = new XorIterator(data);
    if (it.seek(t) && it.t() == t) {
      foundBits = Double.doubleToRawLongBits(it.v());
      return true;
    }
    return false;
  }

  /** Appends this series' samples with {@code minT ≤ t ≤ maxT} to {@code out}, in timestamp order. */
  void collect(long from, long to, SampleBuf out) {
    if (to < minT || from > Math.max(maxT, oooN > 0 ? oooT[oooN - 1] : Long.MIN_VALUE)) {
      return;
    }
    int o = Arrays.binarySearch(oooT, 0, oooN, from);
    o = o >= 0 ? o : -o - 1;
    for (EncodedChunk c : sealed) {
      if (c.maxT() >= from && c.minT() <= to) {
        o = merge(new XorIterator(c.data()), from, to, o, out);
      }
    }
    if (open != null && open.numSamples() > 0 && open.maxT() >= from && open.minT() <= to) {
      o = merge(new XorIterator(open.bytes()), from, to, o, out);
    }
    while (o < oooN && oooT[o] <= to) {
      out.add(oooT[o], oooV[o]);
      o++;
    }
  }

  private int merge(XorIterator it, long from, long to, int o, SampleBuf out) {
    while (it.next()) {
      long t = it.t();
      if (t < from) {
        continue;
      }
      if (t > to) {
        break;
      }
      while (o < oooN && oooT[o] < t) {
        out.add(oooT[o], oooV[o]);
        o++;
      }
      out.add(t, it.v());
    }
    return o;
  }

  boolean isEmpty() {
    return maxT == Long.MIN_VALUE && oooN == 0;
  }

  /** Drops every sample before {@code upTo}, re-encoding what remains as in-order chunks. */
  void truncateBefore(long upTo) {
    SampleBuf keep = new SampleBuf();
    collect(upTo, Long.MAX_VALUE, keep);
    sealed.clear();
    open = null;
    maxT = Long.MIN_VALUE;
    minT = Long.MAX_VALUE;
    oooN = 0;
    oooT = new long[0];
    oooV = new double[0];
    for (int i = 0; i < keep.n; i++) {
      appendInOrder(keep.t[i], keep.v[i]);
    }
  }
}
