package dev.ktel.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktel.store.api.Appender;
import dev.ktel.store.api.InMemorySeriesStore;
import dev.ktel.store.api.Labels;
import dev.ktel.store.api.Matcher;
import dev.ktel.store.api.SampleIterator;
import dev.ktel.store.api.SampleRejectedException;
import dev.ktel.store.api.Series;
import dev.ktel.store.api.SeriesStore;
import dev.ktel.store.api.StaleNaN;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random appends (in order, out of order inside and outside the window, duplicates, stale markers, rollbacks) go to
 * the reference store and the TSDB, which cuts blocks, merges them and is reopened at random points; both must
 * accept and reject the same samples and return the same data.
 */
class DifferentialTest {
  static final long RANGE = 10 * 60_000L;
  static final long WINDOW = 60_000L;

  @TempDir
  Path dir;

  private TsdbSeriesStore openTsdb() throws Exception {
    return TsdbSeriesStore.builder(dir).blockRangeMillis(RANGE).outOfOrderWindowMillis(WINDOW).open();
  }

  private static List<String> dump(SeriesStore s, Matcher... ms) {
    List<String> out = new ArrayList<>();
    for (Series ser : s.select(Long.MIN_VALUE, Long.MAX_VALUE, ms)) {
      SampleIterator it = ser.iterator();
      while (it.next()) {
        out.add(ser.labels() + " " + it.t() + " " + Long.toHexString(Double.doubleToRawLongBits(it.v())));
      }
    }
    return out;
  }

  private static String outcome(Appender a, Labels l, long t, double v) {
    try {
      a.append(l, t, v);
      return "ok";
    } catch (SampleRejectedException e) {
      return e.reason().name();
    }
  }

  @Test
  void tsdbAgreesWithReferenceStore() throws Exception {
    long seed = Long.getLong("ktel.diff.seed", System.nanoTime());
    System.out.println("differential test seed (-Dktel.diff.seed): " + seed);
    SplittableRandom r = new SplittableRandom(seed);
    SeriesStore ref = InMemorySeriesStore.builder().outOfOrderWindowMillis(WINDOW).build();
    TsdbSeriesStore db = openTsdb();
    Labels[] series = new Labels[12];
    for (int i = 0; i < series.length; i++) {
      series[i] = Labels.metric(i % 3 == 0 ? "a" : "b", "i", Integer.toString(i), "g", Integer.toString(i % 4));
    }
    long now = 1_700_000_000_000L;
    int rejected = 0;
    try {
      for (int batch = 0; batch < 1500; batch++) {
        Appender ra = ref.appender();
        Appender da = db.appender();
        now += r.nextInt(1, 4000);
        int n = r.nextInt(1, 20);
        for (int k = 0; k < n; k++) {
          Labels l = series[r.nextInt(series.length)];
          long t = switch (r.nextInt(10)) {
            case 0 -> now - r.nextLong(1, 2 * WINDOW); // out of order, maybe outside the window
            case 1 -> now - r.nextLong(0, 5_000); // likely a duplicate or small step back
            default -> now + r.nextInt(0, 1000);
          };
          double v = switch (r.nextInt(8)) {
            case 0 -> StaleNaN.VALUE;
            case 1 -> r.nextInt(3);
            default -> Math.round(r.nextDouble() * 1000) / 100.0;
          };
          String ro = outcome(ra, l, t, v);
          String dbo = outcome(da, l, t, v);
          assertThat(dbo).as("batch %d: %s @%d = %s", batch, l, t, v).isEqualTo(ro);
          rejected += ro.equals("ok") ? 0 : 1;
        }
        if (r.nextInt(20) == 0) {
          ra.rollback();
          da.rollback();
        } else {
          assertThat(da.commit()).as("batch %d stored count", batch).isEqualTo(ra.commit());
        }
        if (r.nextInt(300) == 0) {
          db.close();
          db = openTsdb();
        }
        if (batch % 250 == 0) {
          assertThat(dump(db)).isEqualTo(dump(ref));
        }
      }
      assertThat(dump(db)).isEqualTo(dump(ref));
      assertThat(dump(db, Matcher.re("g", "1|3"), Matcher.neq("__name__", "a")))
          .isEqualTo(dump(ref, Matcher.re("g", "1|3"), Matcher.neq("__name__", "a")));
      assertThat(db.labelValues("i")).isEqualTo(ref.labelValues("i"));
      assertThat(db.seriesCount()).isEqualTo(ref.seriesCount());
      assertThat(db.stats().blocks()).isPositive();
      assertThat(rejected).isPositive();
    } finally {
      db.close();
      ref.close();
    }
  }
}
