package dev.ktel.store.api.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktel.store.api.Appender;
import dev.ktel.store.api.Labels;
import dev.ktel.store.api.Matcher;
import dev.ktel.store.api.SampleIterator;
import dev.ktel.store.api.Series;
import dev.ktel.store.api.SeriesStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of the contract suites (Zipkin's ITStorage pattern). An implementation binds every suite with {@code @Nested}
 * subclasses that return its {@link StoreFactory}; a test that does not apply is overridden with
 * {@code @Disabled("reason")}, never deleted.
 */
public abstract class SeriesStoreContract {
  /** One hour in milliseconds; tests use round times so that block boundaries are predictable. */
  protected static final long HOUR = 3_600_000L;
  protected static final long T0 = 1_700_000_000_000L / (2 * HOUR) * (2 * HOUR);

  @TempDir
  protected Path dir;

  private final List<SeriesStore> opened = new ArrayList<>();

  protected abstract StoreFactory factory();

  protected SeriesStore open() throws Exception {
    return open(StoreFactory.Options.DEFAULT);
  }

  protected SeriesStore open(StoreFactory.Options options) throws Exception {
    SeriesStore s = factory().open(dir, options);
    opened.add(s);
    return s;
  }

  @AfterEach
  public void closeStores() {
    for (SeriesStore s : opened) {
      s.close();
    }
  }

  /** Appends (t, v) pairs to one series and commits. */
  protected static void write(SeriesStore store, Labels l, long[] ts, double[] vs) {
    Appender a = store.appender();
    for (int i = 0; i < ts.length; i++) {
      a.append(l, ts[i], vs[i]);
    }
    a.commit();
  }

  protected static void write(SeriesStore store, Labels l, long t, double v) {
    write(store, l, new long[] {t}, new double[] {v});
  }

  /** Every sample of every selected series as "labels t=v" strings, in order; values as raw bits for NaN. */
  protected static List<String> dump(SeriesStore store, long minT, long maxT, Matcher... ms) {
    return dump(store.select(minT, maxT, ms));
  }

  /** As {@link #dump(SeriesStore, long, long, Matcher...)} for an already selected list. */
  protected static List<String> dump(List<Series> selected) {
    List<String> out = new ArrayList<>();
    for (Series s : selected) {
      SampleIterator it = s.iterator();
      while (it.next()) {
        double v = it.v();
        String vs = Double.isNaN(v) ? "NaN:" + Long.toHexString(Double.doubleToRawLongBits(v)) : Double.toString(v);
        out.add(s.labels() + " " + (it.t() - T0) + "=" + vs);
      }
    }
    return out;
  }

  protected static List<String> names(List<Series> series) {
    List<String> out = new ArrayList<>();
    for (Series s : series) {
      out.add(s.labels().toString());
    }
    return out;
  }

  protected static long[] times(long... offsets) {
    long[] out = new long[offsets.length];
    for (int i = 0; i < offsets.length; i++) {
      out[i] = T0 + offsets[i];
    }
    return out;
  }

  protected static void assertSorted(List<Series> series) {
    for (int i = 1; i < series.size(); i++) {
      assertThat(series.get(i - 1).labels().compareTo(series.get(i).labels())).isNegative();
    }
  }
}
