package dev.ktel.store.api.event.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktel.store.api.event.EventStore;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Durable stores: acknowledged events survive close and reopen, persisted or not, and stay unique. */
public abstract class ReopenEventsContract extends EventStoreContract {
  @Test
  public void acknowledgedEventsSurviveReopen() throws Exception {
    EventStore s = open();
    s.append(List.of(log(1, "a"), log(2, "b")));
    factory().persist(s);
    s.append(List.of(log(3, "c")));
    s.close();
    EventStore r = open();
    assertThat(messages(r, q().oldestFirst().build())).containsExactly("a", "b", "c");
    r.append(List.of(log(2, "b"), log(4, "d")));
    assertThat(r.count()).isEqualTo(4);
    r.close();
    EventStore again = open();
    assertThat(messages(again, q().build())).containsExactly("d", "c", "b", "a");
    assertThat(again.count()).isEqualTo(4);
  }
}
