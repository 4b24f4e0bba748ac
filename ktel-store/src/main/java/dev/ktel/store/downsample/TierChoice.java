package dev.ktel.store.downsample;

import java.util.Map;

/**
 * Which tier answers a query. The rule:
 *
 * <ol>
 *   <li>By step: below 5 m raw; from 5 m to below 1 h the 5 m tier; 1 h and above the 1 h tier. A step of 0 (instant
 *       or raw reads) is raw. A tier that is not kept falls back to the next finer one that is (raw at the end).
 *   <li>By retention: while the chosen resolution's oldest data is newer than the query start and a coarser kept tier
 *       reaches further back, the coarser tier answers (raw retention is shorter than the tiers', so old ranges are
 *       served from aggregates rather than coming back empty).
 * </ol>
 *
 * One query reads one tier; the newest part of the range, which no tier covers yet, is aggregated from raw samples
 * with the tier's windows.
 */
public final class TierChoice {
  private TierChoice() {
  }

  /**
   * @param oldest oldest time held per kept resolution ({@code Long.MAX_VALUE} when empty); RAW must be present
   */
  public static Resolution choose(long stepMillis, long minT, Map<Resolution, Long> oldest) {
    Resolution want = stepMillis >= Resolution.ONE_HOUR.millis() ? Resolution.ONE_HOUR
        : stepMillis >= Resolution.FIVE_MINUTES.millis() ? Resolution.FIVE_MINUTES : Resolution.RAW;
    while (!oldest.containsKey(want)) {
      want = Resolution.values()[want.ordinal() - 1];
    }
    Resolution[] all = Resolution.values();
    for (int c = want.ordinal() + 1; c < all.length; c++) {
      Long o = oldest.get(all[c]);
      if (oldest.get(want) > minT && o != null && o < oldest.get(want)) {
        want = all[c];
      }
    }
    return want;
  }
}
