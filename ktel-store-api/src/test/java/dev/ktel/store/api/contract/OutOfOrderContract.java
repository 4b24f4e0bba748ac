package dev.ktel.store.api.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ktel.store.api.Appender;
import dev.ktel.store.api.Labels;
import dev.ktel.store.api.SampleRejectedException;
import dev.ktel.store.api.SampleRejectedException.Reason;
import dev.ktel.store.api.SeriesStore;
import org.junit.jupiter.api.Test;

/** Ordering rules: rejection without a window, acceptance inside the out-of-order window, duplicate timestamps. */
public abstract class OutOfOrderContract extends SeriesStoreContract {
  static final Labels L = Labels.metric("c", "k", "v");

  @Test
  public void withoutWindowOlderSamplesAreRejectedAndTheBatchGoesOn() throws Exception {
    SeriesStore s = open();
    write(s, L, times(10_000), new double[] {1});
    Appender a = s.appender();
    assertThatThrownBy(() -> a.append(L, T0 + 5_000, 2)).isInstanceOf(SampleRejectedException.class)
        .satisfies(e -> assertThat(((SampleRejectedException) e).reason()).isEqualTo(Reason.OUT_OF_ORDER))
        .hasMessageContaining("c{k=\"v\"}");
    a.append(L, T0 + 20_000, 3);
    assertThat(a.commit()).isEqualTo(1);
    assertThat(dump(s, T0, T0 + HOUR)).containsExactly("c{k=\"v\"} 10000=1.0", "c{k=\"v\"} 20000=3.0");
  }

  @Test
  public void sameTimestampSameValueIsIgnoredDifferentValueRejected() throws Exception {
    SeriesStore s = open();
    write(s, L, times(10_000), new double[] {1});
    Appender a = s.appender();
    a.append(L, T0 + 10_000, 1);
    assertThatThrownBy(() -> a.append(L, T0 + 10_000, 7)).isInstanceOf(SampleRejectedException.class)
        .satisfies(e -> assertThat(((SampleRejectedException) e).reason()).isEqualTo(Reason.DUPLICATE_TIMESTAMP));
    assertThat(a.commit()).isZero();
    assertThat(dump(s, T0, T0 + HOUR)).containsExactly("c{k=\"v\"} 10000=1.0");
  }

  @Test
  public void insideWindowOlderSamplesAreAcceptedAndReadInOrder() throws Exception {
    SeriesStore s = open(new StoreFactory.Options(10 * 60_000, 0));
    write(s, L, times(0, 60_000, 120_000), new double[] {0, 60, 120});
    write(s, L, times(90_000, 30_000), new double[] {90, 30});
    Appender a = s.appender();
    // window is measured from the newest sample in the store (120 s): 120 s - 10 min is before 0, so all fits;
    // a sample colliding with a stored one still obeys the duplicate rule
    assertThatThrownBy(() -> a.append(L, T0 + 60_000, 61)).isInstanceOf(SampleRejectedException.class);
    a.rollback();
    write(s, Labels.metric("other"), T0 + 3_600_000, 1);
    Appender b = s.appender();
    assertThatThrownBy(() -> b.append(L, T0 + 45_000, 45)).isInstanceOf(SampleRejectedException.class)
        .satisfies(e -> assertThat(((SampleRejectedException) e).reason()).isEqualTo(Reason.OUT_OF_ORDER));
    b.rollback();
    assertThat(dump(s, T0, T0 + 200_000)).containsExactly("c{k=\"v\"} 0=0.0", "c{k=\"v\"} 30000=30.0",
        "c{k=\"v\"} 60000=60.0", "c{k=\"v\"} 90000=90.0", "c{k=\"v\"} 120000=120.0");
    factory().persist(s);
    assertThat(dump(s, T0, T0 + 200_000)).hasSize(5).first().isEqualTo("c{k=\"v\"} 0=0.0");
  }
}
