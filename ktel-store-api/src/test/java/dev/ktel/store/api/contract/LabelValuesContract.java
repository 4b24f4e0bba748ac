package dev.ktel.store.api.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktel.store.api.Labels;
import dev.ktel.store.api.Matcher;
import dev.ktel.store.api.SeriesStore;
import org.junit.jupiter.api.Test;

/** The label index: names and values, sorted and distinct, optionally restricted by matchers. */
public abstract class LabelValuesContract extends SeriesStoreContract {
  @Test
  public void namesAndValuesFromHeadAndPersisted() throws Exception {
    SeriesStore s = open();
    write(s, Labels.metric("node_load1"), T0, 0.5);
    write(s, Labels.metric("node_filesystem_avail_bytes", "mountpoint", "/", "fstype", "ext4"), T0, 1e9);
    factory().persist(s);
    write(s, Labels.metric("node_filesystem_avail_bytes", "mountpoint", "/boot", "fstype", "vfat"), T0 + 3 * HOUR, 2e8);
    assertThat(s.labelNames()).containsExactly("__name__", "fstype", "mountpoint");
    assertThat(s.labelNames(Matcher.metricName("node_load1"))).containsExactly("__name__");
    assertThat(s.labelValues("__name__")).containsExactly("node_filesystem_avail_bytes", "node_load1");
    assertThat(s.labelValues("mountpoint")).containsExactly("/", "/boot");
    assertThat(s.labelValues("mountpoint", Matcher.eq("fstype", "vfat"))).containsExactly("/boot");
    assertThat(s.labelValues("nope")).isEmpty();
    assertThat(s.seriesCount()).isEqualTo(3);
  }
}
