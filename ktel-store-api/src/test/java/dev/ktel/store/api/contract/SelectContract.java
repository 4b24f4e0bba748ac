package dev.ktel.store.api.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ktel.store.api.Labels;
import dev.ktel.store.api.Matcher;
import dev.ktel.store.api.SelectHints;
import dev.ktel.store.api.SeriesStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Selecting by matchers (=, !=, =~, !~) over an inclusive time range, before and after persisting. */
public abstract class SelectContract extends SeriesStoreContract {
  SeriesStore s;

  @BeforeEach
  public void load() throws Exception {
    s = open();
    write(s, Labels.metric("disk_reads", "device", "sda", "host", "a"), times(0, 10_000, 20_000), new double[] {1, 2, 3});
    write(s, Labels.metric("disk_reads", "device", "sdb", "host", "a"), times(0, 10_000), new double[] {5, 6});
    write(s, Labels.metric("disk_reads", "device", "nvme0n1"), times(20_000), new double[] {7});
    write(s, Labels.metric("net_rx", "device", "eth0", "host", "b"), times(5_000), new double[] {9});
  }

  private void check() {
    assertThat(names(s.select(T0, T0 + HOUR, Matcher.metricName("disk_reads"), Matcher.eq("device", "sda"))))
        .containsExactly("disk_reads{device=\"sda\", host=\"a\"}");
    assertThat(names(s.select(T0, T0 + HOUR, Matcher.metricName("disk_reads"), Matcher.neq("device", "sda"))))
        .containsExactly("disk_reads{device=\"nvme0n1\"}", "disk_reads{device=\"sdb\", host=\"a\"}");
    assertThat(names(s.select(T0, T0 + HOUR, Matcher.re("device", "sd.")))).containsExactly(
        "disk_reads{device=\"sda\", host=\"a\"}", "disk_reads{device=\"sdb\", host=\"a\"}");
    // regexes are anchored: "sd" alone matches nothing
    assertThat(s.select(T0, T0 + HOUR, Matcher.re("device", "sd"))).isEmpty();
    assertThat(names(s.select(T0, T0 + HOUR, Matcher.nre("device", "sd.|eth.*")))).containsExactly(
        "disk_reads{device=\"nvme0n1\"}");
    // an absent label is "", so host!="a" includes the series without host and host="" selects only it
    assertThat(names(s.select(T0, T0 + HOUR, Matcher.metricName("disk_reads"), Matcher.neq("host", "a"))))
        .containsExactly("disk_reads{device=\"nvme0n1\"}");
    assertThat(names(s.select(T0, T0 + HOUR, Matcher.eq("host", "")))).containsExactly("disk_reads{device=\"nvme0n1\"}");
    assertThat(s.select(T0, T0 + HOUR, Matcher.metricName("nope"))).isEmpty();
    var all = s.select(T0, T0 + HOUR);
    assertThat(all).hasSize(4);
    assertSorted(all);
    // range is inclusive at both ends; series without samples in range are omitted
    assertThat(dump(s, T0 + 10_000, T0 + 20_000, Matcher.re("device", "sd."))).containsExactly(
        "disk_reads{device=\"sda\", host=\"a\"} 10000=2.0",
        "disk_reads{device=\"sda\", host=\"a\"} 20000=3.0",
        "disk_reads{device=\"sdb\", host=\"a\"} 10000=6.0");
    assertThat(dump(s, T0 + 1, T0 + 4_999)).isEmpty();
    assertThat(dump(s, T0 + 5_000, T0 + 5_000)).containsExactly("net_rx{device=\"eth0\", host=\"b\"} 5000=9.0");
  }

  @Test
  public void selectsFromHead() {
    check();
  }

  @Test
  public void selectsAfterPersist() throws Exception {
    factory().persist(s);
    check();
  }

  /** Hints may only change the answer where a tier applies: raw reads and steps below 5 m return raw samples. */
  @Test
  public void rawHintsAndShortStepsReturnRawSamples() throws Exception {
    factory().persist(s);
    var raw = dump(s, T0, T0 + HOUR, Matcher.re("device", "sd.*"));
    assertThat(raw).hasSize(5);
    assertThat(dump(s.select(T0, T0 + HOUR, SelectHints.RAW, Matcher.re("device", "sd.*")))).isEqualTo(raw);
    assertThat(dump(s.select(T0, T0 + HOUR, SelectHints.step(15_000, "rate"), Matcher.re("device", "sd.*"))))
        .isEqualTo(raw);
  }

  @Test
  public void iteratorsCanBeRestartedAndSeek() {
    var series = s.select(T0, T0 + HOUR, Matcher.eq("device", "sda"));
    var it = series.get(0).iterator();
    assertThat(it.seek(T0 + 5_000)).isTrue();
    assertThat(it.t()).isEqualTo(T0 + 10_000);
    assertThat(it.seek(T0 + 10_000)).isTrue();
    assertThat(it.t()).isEqualTo(T0 + 10_000);
    assertThat(it.next()).isTrue();
    assertThat(it.next()).isFalse();
    var again = series.get(0).iterator();
    assertThat(again.next()).isTrue();
    assertThat(again.t()).isEqualTo(T0);
  }

  @Test
  public void invalidRegexIsRejectedWithTheMatcherInTheMessage() {
    assertThatThrownBy(() -> Matcher.re("device", "(sd")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("device=~\"(sd\"");
  }
}
