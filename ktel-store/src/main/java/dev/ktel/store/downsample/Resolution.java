package dev.ktel.store.downsample;

/** The storage tiers: raw samples and the 5-minute and 1-hour aggregates computed from them. */
public enum Resolution {
  RAW(0, "raw"),
  FIVE_MINUTES(300_000, "5m"),
  ONE_HOUR(3_600_000, "1h");

  private final long millis;
  private final String dirName;

  Resolution(long millis, String dirName) {
    this.millis = millis;
    this.dirName = dirName;
  }

  /** Window length in milliseconds (0 for raw). */
  public long millis() {
    return millis;
  }

  /** Directory name under {@code <data-dir>/downsample/} and the name used in flags and metrics. */
  public String dirName() {
    return dirName;
  }
}
