package dev.ktel.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktel.core.event.Event;
import dev.ktel.eventstore.codec.EventCodec;
import dev.ktel.eventstore.wal.EventWal;
import dev.ktel.eventstore.wal.FsyncPolicy;
import dev.ktel.store.api.event.EventQuery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Restart paths in one process: WAL-only events are replayed once, a damaged WAL tail is cut and counted. */
class LuceneEventStoreRecoveryTest {
  @TempDir
  Path dir;

  private LuceneEventStore open() throws Exception {
    return LuceneEventStore.builder(dir).background(false).open();
  }

  private static List<Event> events(int from, int to) {
    List<Event> out = new ArrayList<>();
    for (int i = from; i < to; i++) {
      out.add(CrashEventWriter.event(i));
    }
    return out;
  }

  private static List<Event> all(LuceneEventStore s) {
    return s.query(EventQuery.builder().limit(10_000).oldestFirst().build());
  }

  @Test
  void eventsSurviveCloseAndOpenAndStayQueryable() throws Exception {
    try (LuceneEventStore s = open()) {
      s.append(events(0, 100));
      s.commit();
      s.append(events(100, 150));
    }
    try (LuceneEventStore s = open()) {
      assertThat(all(s)).isEqualTo(events(0, 150));
      assertThat(s.count(EventQuery.builder().text("number 42").build())).isEqualTo(1);
      assertThat(s.query(EventQuery.builder().limit(Integer.MAX_VALUE).build())).hasSize(150);
      assertThat(s.stats().replayed()).isZero(); // close committed everything
    }
  }

  @Test
  void uncommittedWalRecordsAreReplayedExactlyOnce() throws Exception {
    long next;
    try (LuceneEventStore s = open()) {
      s.append(events(0, 10));
      next = 10; // sequences 0..9 are committed at close
    }
    // what a killed process leaves: records in the WAL that no commit holds, one of them a re-send of event 9
    Path wal = dir.resolve("wal");
    try (EventWal w = EventWal.create(wal, FsyncPolicy.EVERY_BATCH, next)) {
      List<byte[]> batch = new ArrayList<>();
      for (Event e : events(9, 20)) {
        batch.add(EventCodec.encode(e));
      }
      w.append(next, batch);
    }
    try (LuceneEventStore s = open()) {
      assertThat(s.stats().replayed()).isEqualTo(11);
      assertThat(all(s)).isEqualTo(events(0, 20));
      s.append(events(20, 21));
    }
    try (LuceneEventStore s = open()) {
      assertThat(all(s)).isEqualTo(events(0, 21));
      assertThat(s.stats().replayed()).isZero();
    }
  }

  @Test
  void aDamagedWalTailIsTruncatedCountedAndTheStoreOpens() throws Exception {
    try (LuceneEventStore s = open()) {
      s.append(events(0, 5));
    }
    Path segment;
    try (var files = Files.list(dir.resolve("wal"))) {
      segment = files.findFirst().orElseThrow();
    }
    Files.write(segment, new byte[] {0, 0, 0, 99, 1, 2, 3}, StandardOpenOption.APPEND);
    try (LuceneEventStore s = open()) {
      assertThat(s.stats().corruptions()).isEqualTo(1);
      assertThat(all(s)).isEqualTo(events(0, 5));
      s.append(events(5, 6));
      assertThat(s.count()).isEqualTo(6);
    }
  }

  @Test
  void statsCountAppendsRejectsAndBytes() throws Exception {
    try (LuceneEventStore s = open()) {
      List<Event> batch = new ArrayList<>(events(0, 3));
      batch.add(null);
      s.append(batch);
      s.append(events(0, 3));
      EventStoreStats st = s.stats();
      assertThat(st.events()).isEqualTo(3);
      assertThat(st.appended()).isEqualTo(6);
      assertThat(st.batches()).isEqualTo(2);
      assertThat(st.rejected()).isEqualTo(1);
      assertThat(st.walBytes()).isGreaterThan(8);
      assertThat(st.bytesOnDisk()).isEqualTo(s.sizeBytes());
    }
  }

  /** A FileChannel is closed by an interrupt of any thread using it; the WAL must not be, or one cancelled request
   * would break every later append. */
  @Test
  void anInterruptedAppenderDoesNotBreakTheWal() throws Exception {
    try (LuceneEventStore s = open()) {
      Thread.currentThread().interrupt();
      try {
        s.append(events(0, 3));
      } finally {
        assertThat(Thread.interrupted()).isTrue();
      }
      s.append(events(3, 6));
      assertThat(all(s)).isEqualTo(events(0, 6));
    }
    try (LuceneEventStore s = open()) {
      assertThat(all(s)).isEqualTo(events(0, 6));
    }
  }
}
