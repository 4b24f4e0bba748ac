package dev.ktel.store.api;

/**
 * The staleness marker: a NaN with Prometheus' exact bit pattern {@code 0x7ff0000000000002}. Appending it ends a
 * series (a scrape target vanished, a series disappeared from a scrape). Stores keep its bits exactly, so it stays
 * distinguishable from an ordinary NaN value, which is data.
 */
public final class StaleNaN {
  public static final long BITS = 0x7ff0000000000002L;
  public static final double VALUE = Double.longBitsToDouble(BITS);

  private StaleNaN() {
  }

  /** Compare bits: {@code v == VALUE} is always false for NaN. */
  public static boolean isStale(double v) {
    return Double.doubleToRawLongBits(v) == BITS;
  }
}
