package dev.ktel.store.api.event.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktel.core.event.CorrelationKey;
import dev.ktel.core.event.Event;
import dev.ktel.core.event.Severity;
import dev.ktel.store.api.event.AppendResult;
import dev.ktel.store.api.event.EventStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Appends are visible at once, round-trip every field, are idempotent, and skip invalid events. */
public abstract class AppendEventsContract extends EventStoreContract {
  @Test
  public void appendedEventsAreReadBackWithEveryField() throws Exception {
    EventStore s = open();
    CorrelationKey key = new CorrelationKey("/kubepods/burstable/pod1/abc", "abc123", "containerd", "uid-1", "web-0",
        "prod", "Burstable", "nginx");
    Event full = new Event(T0 + 123_456_789L, "node-a", "oom_kill", Severity.ERR, key,
        Map.of("pid", "4242", "comm", "stress", "anon_rss_kb", "1024"),
        "Out of memory: Killed process 4242 (stress)\n  second line: ünïcode ✓", "kmsg", 77);
    Event noSource = new Event(T0 + 2 * SECOND, "node-a", "hung_task", Severity.WARNING, CorrelationKey.NONE,
        Map.of(), "", null, -1);
    AppendResult r = s.append(List.of(full, noSource));
    assertThat(r.accepted()).isEqualTo(2);
    assertThat(r.rejections()).isEmpty();
    assertThat(s.query(q().oldestFirst().build())).containsExactly(full, noSource);
    assertThat(s.count()).isEqualTo(2);
    assertThat(s.sizeBytes()).isPositive();
  }

  @Test
  public void anIdenticalEventIsStoredOnce() throws Exception {
    EventStore s = open();
    s.append(List.of(log(1, "a"), log(2, "b")));
    s.append(List.of(log(2, "b"), log(3, "c")));
    s.append(List.of(log(1, "a")));
    assertThat(s.count()).isEqualTo(3);
    assertThat(messages(s, q().oldestFirst().build())).containsExactly("a", "b", "c");
    // differing in any field is another event
    s.append(List.of(onHost(log(1, "a"), "h2")));
    assertThat(s.count()).isEqualTo(4);
  }

  @Test
  public void invalidEventsAreRejectedByPositionAndTheRestIsStored() throws Exception {
    EventStore s = open();
    Event noType = new Event(T0, "h1", " ", Severity.INFO, null, Map.of(), "m", "kmsg", 1);
    Event noSeverity = new Event(T0, "h1", "log", null, null, Map.of(), "m", "kmsg", 1);
    Event noMessage = new Event(T0, "h1", "log", Severity.INFO, null, Map.of(), null, "kmsg", 1);
    Event noHost = new Event(T0, null, "log", Severity.INFO, null, Map.of(), "m", "kmsg", 1);
    AppendResult r = s.append(Arrays.asList(log(1, "ok1"), noType, null, noSeverity, noMessage, noHost, log(2, "ok2")));
    assertThat(r.accepted()).isEqualTo(2);
    assertThat(r.rejections()).containsExactly("batch[1]: type is missing", "batch[2]: event is null",
        "batch[3]: severity is missing", "batch[4]: message is missing", "batch[5]: host is missing");
    assertThat(s.rejected()).isEqualTo(5);
    assertThat(messages(s, q().oldestFirst().build())).containsExactly("ok1", "ok2");
  }

  @Test
  public void manyBatchesAreAllVisible() throws Exception {
    EventStore s = open();
    List<String> expect = new ArrayList<>();
    for (int b = 0; b < 20; b++) {
      List<Event> batch = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        int n = b * 50 + i;
        batch.add(log(n, "event " + n));
        expect.add("event " + n);
      }
      s.append(batch);
      assertThat(s.count()).isEqualTo((b + 1) * 50L);
    }
    assertThat(messages(s, q().limit(5000).oldestFirst().build())).isEqualTo(expect);
    assertThat(s.append(List.of()).accepted()).isZero();
  }
}
