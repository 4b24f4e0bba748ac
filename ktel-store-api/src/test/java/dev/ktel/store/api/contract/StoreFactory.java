package dev.ktel.store.api.contract;

import dev.ktel.store.api.SeriesStore;
import java.nio.file.Path;

/** How a contract suite gets a store of the implementation under test. */
public interface StoreFactory {
  /** Options a contract test may ask for. */
  record Options(long outOfOrderWindowMillis, long retentionMillis) {
    public static final Options DEFAULT = new Options(0, 0);
  }

  /** Opens (or reopens) a store whose files, if any, live under {@code dir}. */
  SeriesStore open(Path dir, Options options) throws Exception;

  /**
   * Moves everything appended so far to the implementation's long-term form (the TSDB cuts its head into blocks),
   * so tests exercise that path too. In-memory: nothing to do.
   */
  default void persist(SeriesStore store) throws Exception {
  }

  /** Whether data survives close and reopen on the same directory. */
  default boolean durable() {
    return false;
  }
}
