package dev.ktel.store.api.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktel.store.api.Labels;
import dev.ktel.store.api.SeriesStore;
import org.junit.jupiter.api.Test;

/** Durable stores: committed data survives close and reopen, from the WAL and from persisted blocks. */
public abstract class ReopenContract extends SeriesStoreContract {
  @Test
  public void committedDataSurvivesReopen() throws Exception {
    SeriesStore s = open();
    write(s, Labels.metric("a"), times(0, 1000), new double[] {1, 2});
    factory().persist(s);
    write(s, Labels.metric("a"), times(3 * HOUR), new double[] {3});
    write(s, Labels.metric("b", "x", "y"), times(3 * HOUR), new double[] {4});
    s.close();
    SeriesStore r = open();
    assertThat(dump(r, T0, T0 + 4 * HOUR)).containsExactly("a{} 0=1.0", "a{} 1000=2.0", "a{} 10800000=3.0",
        "b{x=\"y\"} 10800000=4.0");
    assertThat(r.seriesCount()).isEqualTo(2);
    write(r, Labels.metric("a"), times(3 * HOUR + 1000), new double[] {5});
    assertThat(dump(r, T0 + 3 * HOUR + 1000, T0 + 4 * HOUR)).containsExactly("a{} 10801000=5.0");
  }
}
