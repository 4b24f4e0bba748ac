package dev.ktel.store.api;

import dev.ktel.store.api.contract.AppendContract;
import dev.ktel.store.api.contract.LabelValuesContract;
import dev.ktel.store.api.contract.OutOfOrderContract;
import dev.ktel.store.api.contract.ReopenContract;
import dev.ktel.store.api.contract.RetentionContract;
import dev.ktel.store.api.contract.SelectContract;
import dev.ktel.store.api.contract.StalenessContract;
import dev.ktel.store.api.contract.StoreFactory;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Binds every contract suite to the reference store. */
class InMemorySeriesStoreContractTest {
  static final StoreFactory FACTORY = (dir, o) -> InMemorySeriesStore.builder()
      .outOfOrderWindowMillis(o.outOfOrderWindowMillis()).retentionMillis(o.retentionMillis()).build();

  @Nested
  class Append extends AppendContract {
    @Override
    protected StoreFactory factory() {
      return FACTORY;
    }
  }

  @Nested
  class Select extends SelectContract {
    @Override
    protected StoreFactory factory() {
      return FACTORY;
    }
  }

  @Nested
  class LabelValues extends LabelValuesContract {
    @Override
    protected StoreFactory factory() {
      return FACTORY;
    }
  }

  @Nested
  class Staleness extends StalenessContract {
    @Override
    protected StoreFactory factory() {
      return FACTORY;
    }
  }

  @Nested
  class OutOfOrder extends OutOfOrderContract {
    @Override
    protected StoreFactory factory() {
      return FACTORY;
    }
  }

  @Nested
  class Retention extends RetentionContract {
    @Override
    protected StoreFactory factory() {
      return FACTORY;
    }
  }

  @Nested
  class Reopen extends ReopenContract {
    @Override
    protected StoreFactory factory() {
      return FACTORY;
    }

    @Override
    @Test
    @Disabled("the in-memory store is not durable by design")
    public void committedDataSurvivesReopen() {
    }
  }
}
