package dev.ktel.store.api.event.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktel.core.event.Event;
import dev.ktel.store.api.event.EventRetention;
import dev.ktel.store.api.event.EventStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Retention by age drops exactly the events older than the cutoff; by size, the oldest until under the cap. */
public abstract class EventRetentionContract extends EventStoreContract {
  @Test
  public void byAgeDropsEventsOlderThanTheCutoff() throws Exception {
    EventStore s = open(new EventRetention(100 * SECOND, 0));
    List<Event> batch = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      batch.add(log(i, "e" + i));
    }
    s.append(batch.subList(0, 150));
    factory().persist(s);
    s.append(batch.subList(150, 300));
    assertThat(s.applyRetention(T0 + 250 * SECOND)).isEqualTo(150);
    assertThat(s.count()).isEqualTo(150);
    assertThat(messages(s, q().limit(1).oldestFirst().build())).containsExactly("e150");
    assertThat(s.applyRetention(T0 + 250 * SECOND)).isZero();
    assertThat(s.applyRetention(T0 + 1000 * SECOND)).isEqualTo(150);
    assertThat(s.count()).isZero();
    s.append(List.of(log(2000, "fresh")));
    assertThat(messages(s, q().build())).containsExactly("fresh");
  }

  @Test
  public void bySizeDropsTheOldestUntilUnderTheCap() throws Exception {
    EventStore unbounded = open();
    List<Event> batch = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      batch.add(log(i, "event number " + i + " with some text to take up room in the store " + "x".repeat(i % 50)));
    }
    unbounded.append(batch);
    factory().persist(unbounded);
    long full = unbounded.sizeBytes();
    unbounded.close();

    java.nio.file.Path other = dir.resolve("capped");
    java.nio.file.Files.createDirectories(other);
    EventStore s = factory().open(other, EventRetention.ofBytes(full / 2));
    try {
      s.append(batch);
      factory().persist(s);
      long dropped = s.applyRetention(T0);
      assertThat(dropped).isPositive().isLessThan(2000);
      assertThat(s.sizeBytes()).isLessThanOrEqualTo(full / 2);
      assertThat(s.count()).isEqualTo(2000 - dropped);
      // the oldest went first: what is left is exactly the newest events
      List<Event> left = s.query(q().limit(2000).oldestFirst().build());
      assertThat(left).isEqualTo(batch.subList((int) dropped, 2000));
    } finally {
      s.close();
    }
  }
}
