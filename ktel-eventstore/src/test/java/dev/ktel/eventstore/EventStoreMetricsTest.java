package dev.ktel.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktel.core.metric.SampleRecorder;
import dev.ktel.store.api.event.EventRetention;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventStoreMetricsTest {
  @TempDir
  Path dir;

  @Test
  void exportsTheStoresCounters() throws Exception {
    try (LuceneEventStore s = LuceneEventStore.builder(dir).background(false)
        .retention(new EventRetention(1_000_000_000L, 0)).open()) {
      List<dev.ktel.core.event.Event> batch = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        batch.add(CrashEventWriter.event(i));
      }
      batch.add(null);
      s.append(batch);
      s.commit();
      // events are 1 ms apart: a cutoff 1 s after event 4 keeps 5..9
      assertThat(s.applyRetention(CrashEventWriter.T0 + 1_004_000_000L)).isEqualTo(4);
      SampleRecorder rec = new SampleRecorder();
      new EventStoreMetrics(s).write(rec);
      assertThat(rec.value("ktel_eventstore_events")).contains(6.0);
      assertThat(rec.value("ktel_eventstore_appended_events_total")).contains(10.0);
      assertThat(rec.value("ktel_eventstore_rejected_events_total")).contains(1.0);
      assertThat(rec.value("ktel_eventstore_retention_dropped_events_total")).contains(4.0);
      assertThat(rec.value("ktel_eventstore_disk_bytes", "part", "index").orElseThrow()).isPositive();
      assertThat(rec.value("ktel_eventstore_disk_bytes", "part", "wal").orElseThrow()).isGreaterThanOrEqualTo(8.0);
      assertThat(rec.value("ktel_eventstore_commits_total").orElseThrow()).isGreaterThanOrEqualTo(2.0);
      assertThat(rec.value("ktel_eventstore_wal_corruptions")).contains(0.0);
    }
  }
}
