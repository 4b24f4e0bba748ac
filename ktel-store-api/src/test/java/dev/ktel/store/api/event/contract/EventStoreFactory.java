package dev.ktel.store.api.event.contract;

import dev.ktel.store.api.event.EventRetention;
import dev.ktel.store.api.event.EventStore;
import java.nio.file.Path;

/** How a contract suite gets an event store of the implementation under test. */
public interface EventStoreFactory {
  /** Opens (or reopens) a store whose files, if any, live under {@code dir}. */
  EventStore open(Path dir, EventRetention retention) throws Exception;

  /**
   * Moves everything appended so far to the implementation's long-term form (the Lucene store commits its index and
   * truncates its log), so tests exercise that path too. In-memory: nothing to do.
   */
  default void persist(EventStore store) throws Exception {
  }

  /** Whether data survives close and reopen on the same directory. */
  default boolean durable() {
    return false;
  }
}
