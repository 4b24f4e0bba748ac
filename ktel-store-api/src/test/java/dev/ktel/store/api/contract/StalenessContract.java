package dev.ktel.store.api.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktel.store.api.Labels;
import dev.ktel.store.api.SeriesStore;
import dev.ktel.store.api.StaleNaN;
import org.junit.jupiter.api.Test;

/** Special values keep their exact bits: the staleness marker stays distinct from an ordinary NaN. */
public abstract class StalenessContract extends SeriesStoreContract {
  @Test
  public void staleMarkerNanAndInfinitiesRoundTrip() throws Exception {
    SeriesStore s = open();
    Labels l = Labels.metric("g");
    write(s, l, times(0, 1000, 2000, 3000, 4000, 5000),
        new double[] {1.5, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, StaleNaN.VALUE});
    for (int pass = 0; pass < 2; pass++) {
      assertThat(dump(s, T0, T0 + HOUR)).containsExactly(
          "g{} 0=1.5", "g{} 1000=NaN:7ff8000000000000", "g{} 2000=Infinity", "g{} 3000=-Infinity", "g{} 4000=-0.0",
          "g{} 5000=NaN:7ff0000000000002");
      factory().persist(s);
    }
  }

  @Test
  public void seriesContinuesAfterStaleMarker() throws Exception {
    SeriesStore s = open();
    Labels l = Labels.metric("g");
    write(s, l, times(0, 15_000), new double[] {1, StaleNaN.VALUE});
    write(s, l, times(30_000), new double[] {2});
    var it = s.select(T0, T0 + HOUR).get(0).iterator();
    assertThat(it.next()).isTrue();
    assertThat(it.next()).isTrue();
    assertThat(StaleNaN.isStale(it.v())).isTrue();
    assertThat(it.next()).isTrue();
    assertThat(it.v()).isEqualTo(2.0);
    assertThat(StaleNaN.isStale(Double.NaN)).isFalse();
  }
}
