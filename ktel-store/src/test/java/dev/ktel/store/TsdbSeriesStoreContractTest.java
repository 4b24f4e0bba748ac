package dev.ktel.store;

import dev.ktel.store.api.SeriesStore;
import dev.ktel.store.api.contract.AppendContract;
import dev.ktel.store.api.contract.LabelValuesContract;
import dev.ktel.store.api.contract.OutOfOrderContract;
import dev.ktel.store.api.contract.ReopenContract;
import dev.ktel.store.api.contract.RetentionContract;
import dev.ktel.store.api.contract.SelectContract;
import dev.ktel.store.api.contract.StalenessContract;
import dev.ktel.store.api.contract.StoreFactory;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;

/** Binds every contract suite to the on-disk TSDB; {@code persist} cuts the head into blocks. */
class TsdbSeriesStoreContractTest {
  static final StoreFactory FACTORY = new StoreFactory() {
    @Override
    public SeriesStore open(Path dir, Options o) throws Exception {
      return TsdbSeriesStore.builder(dir.resolve("data")).outOfOrderWindowMillis(o.outOfOrderWindowMillis())
          .retentionMillis(o.retentionMillis())
          .tier(dev.ktel.store.downsample.Resolution.FIVE_MINUTES, 0, 0).tier(dev.ktel.store.downsample.Resolution.ONE_HOUR, 0, 0)
          .open(); // tiers on: a tiered store must keep the whole SPI contract
    }

    @Override
    public void persist(SeriesStore store) throws Exception {
      ((TsdbSeriesStore) store).flush();
    }

    @Override
    public boolean durable() {
      return true;
    }
  };

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
  }
}
