package dev.ktel.promql.eval;

import dev.ktel.store.api.Labels;

/**
 * limit_ratio keeps a series when its label hash, mapped to [0, 1), is below the ratio (or, for a negative ratio,
 * at or above 1 + ratio), so that limit_ratio(r) and limit_ratio(-(1-r)) are complements.
 */
final class LimitRatio {
  private LimitRatio() {
  }

  static double sampleOffset(Labels l) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < l.size(); i++) {
      for (byte b : (l.name(i) + "\u00ff" + l.value(i) + "\u00ff").getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
        h ^= b & 0xff;
        h *= 0x100000001b3L;
      }
    }
    return (double) (h >>> 11) / (double) (1L << 53);
  }
}
