package dev.ktel.promql.eval;

import dev.ktel.store.api.Labels;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * limit_ratio's sampling decision, identical to Prometheus so the same series are kept: the series' label hash
 * (XXH64 over name 0xff value 0xff ...) mapped to [0, 1]; a positive ratio keeps offsets below it, a negative ratio
 * keeps offsets at or above 1 + ratio, so that limit_ratio(r) and limit_ratio(-(1-r)) are complements.
 */
final class LimitRatio {
  private static final long P1 = 0x9E3779B185EBCA87L;
  private static final long P2 = 0xC2B2AE3D27D4EB4FL;
  private static final long P3 = 0x165667B19E3779F9L;
  private static final long P4 = 0x85EBCA77C2B2AE63L;
  private static final long P5 = 0x27D4EB2F165667C5L;

  private LimitRatio() {
  }

  static double sampleOffset(Labels l) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (int i = 0; i < l.size(); i++) {
      b.writeBytes(l.name(i).getBytes(StandardCharsets.UTF_8));
      b.write(0xff);
      b.writeBytes(l.value(i).getBytes(StandardCharsets.UTF_8));
      b.write(0xff);
    }
    long h = xxh64(b.toByteArray());
    return Double.parseDouble(Long.toUnsignedString(h)) / 18446744073709551615.0;
  }

  private static long round(long acc, long input) {
    acc += input * P2;
    acc = Long.rotateLeft(acc, 31);
    return acc * P1;
  }

  private static long merge(long acc, long val) {
    acc ^= round(0, val);
    return acc * P1 + P4;
  }

  private static long le64(byte[] b, int i) {
    long v = 0;
    for (int k = 7; k >= 0; k--) {
      v = (v << 8) | (b[i + k] & 0xff);
    }
    return v;
  }

  private static long le32(byte[] b, int i) {
    return (b[i] & 0xffL) | (b[i + 1] & 0xffL) << 8 | (b[i + 2] & 0xffL) << 16 | (b[i + 3] & 0xffL) << 24;
  }

  /** XXH64 with seed 0. */
  static long xxh64(byte[] b) {
    int n = b.length;
    int i = 0;
    long h;
    if (n >= 32) {
      long v1 = P1 + P2, v2 = P2, v3 = 0, v4 = -P1;
      for (; i + 32 <= n; i += 32) {
        v1 = round(v1, le64(b, i));
        v2 = round(v2, le64(b, i + 8));
        v3 = round(v3, le64(b, i + 16));
        v4 = round(v4, le64(b, i + 24));
      }
      h = Long.rotateLeft(v1, 1) + Long.rotateLeft(v2, 7) + Long.rotateLeft(v3, 12) + Long.rotateLeft(v4, 18);
      h = merge(h, v1);
      h = merge(h, v2);
      h = merge(h, v3);
      h = merge(h, v4);
    } else {
      h = P5;
    }
    h += n;
    for (; i + 8 <= n; i += 8) {
      h ^= round(0, le64(b, i));
      h = Long.rotateLeft(h, 27) * P1 + P4;
    }
    if (i + 4 <= n) {
      h ^= le32(b, i) * P1;
      h = Long.rotateLeft(h, 23) * P2 + P3;
      i += 4;
    }
    for (; i < n; i++) {
      h ^= (b[i] & 0xffL) * P5;
      h = Long.rotateLeft(h, 11) * P1;
    }
    h ^= h >>> 33;
    h *= P2;
    h ^= h >>> 29;
    h *= P3;
    h ^= h >>> 32;
    return h;
  }
}
