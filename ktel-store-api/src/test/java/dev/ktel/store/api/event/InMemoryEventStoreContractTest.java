package dev.ktel.store.api.event;

import dev.ktel.store.api.event.contract.AppendEventsContract;
import dev.ktel.store.api.event.contract.EventRetentionContract;
import dev.ktel.store.api.event.contract.EventStoreFactory;
import dev.ktel.store.api.event.contract.QueryEventsContract;
import dev.ktel.store.api.event.contract.ReopenEventsContract;
import dev.ktel.store.api.event.contract.TextQueryContract;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Binds every event contract suite to the reference store. */
class InMemoryEventStoreContractTest {
  static final EventStoreFactory FACTORY = (dir, retention) -> new InMemoryEventStore(retention);

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

    @Override
    @Test
    @Disabled("the in-memory store is not durable by design")
    public void acknowledgedEventsSurviveReopen() {
    }
  }
}
