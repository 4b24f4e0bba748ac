package dev.ktel.promql;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Self-metrics of an {@link Engine}: queries run and queries failed, by error type. */
public final class EngineStats {
  private final LongAdder queries = new LongAdder();
  private final Map<PromqlException.Type, LongAdder> failures = new EnumMap<>(PromqlException.Type.class);

  EngineStats() {
    for (PromqlException.Type t : PromqlException.Type.values()) {
      failures.put(t, new LongAdder());
    }
  }

  void queried() {
    queries.increment();
  }

  void failed(PromqlException.Type t) {
    failures.get(t).increment();
  }

  public long queries() {
    return queries.sum();
  }

  /** Failed queries of one type (bad_data counts parse errors). */
  public long failures(PromqlException.Type t) {
    return failures.get(t).sum();
  }
}
