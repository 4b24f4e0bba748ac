package dev.ktel.eventstore;

import dev.ktel.store.api.event.EventRetention;
import dev.ktel.store.api.event.EventStore;
import dev.ktel.store.api.event.contract.AppendEventsContract;
import dev.ktel.store.api.event.contract.EventRetentionContract;
import dev.ktel.store.api.event.contract.EventStoreFactory;
import dev.ktel.store.api.event.contract.QueryEventsContract;
import dev.ktel.store.api.event.contract.ReopenEventsContract;
import dev.ktel.store.api.event.contract.TextQueryContract;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;

/** Binds every event contract suite to the Lucene store; {@code persist} commits the index and truncates the WAL. */
class LuceneEventStoreContractTest {
  static final EventStoreFactory FACTORY = new EventStoreFactory() {
    @Override
    public EventStore open(Path dir, EventRetention retention) throws Exception {
      return LuceneEventStore.builder(dir.resolve("events")).retention(retention).background(false).open();
    }

    @Override
    public void persist(EventStore store) {
      ((LuceneEventStore) store).commit();
    }

    @Override
    public boolean durable() {
      return true;
    }
  };

  @Nested
  class Append extends AppendEventsContract {
    @Override
    protected EventStoreFactory factory() {
      return FACTORY;
    }
  }

  @Nested
  class Query extends QueryEventsContract {
    @Override
    protected EventStoreFactory factory() {
      return FACTORY;
    }
  }

  @Nested
  class Text extends TextQueryContract {
    @Override
    protected EventStoreFactory factory() {
      return FACTORY;
    }
  }

  @Nested
  class Retention extends EventRetentionContract {
    @Override
    protected EventStoreFactory factory() {
      return FACTORY;
    }
  }

  @Nested
  class Reopen extends ReopenEventsContract {
    @Override
    protected EventStoreFactory factory() {
      return FACTORY;
    }
  }
}
