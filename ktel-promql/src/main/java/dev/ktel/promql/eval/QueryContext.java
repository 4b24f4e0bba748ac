package dev.ktel.promql.eval;

import dev.ktel.promql.EngineOptions;
import dev.ktel.promql.PromqlException;
import dev.ktel.promql.parser.Positions;
import dev.ktel.store.api.SeriesStore;
import java.util.LinkedHashSet;
import java.util.Set;

/** Per-query state: store, limits, the outer time range, collected annotations and the sample budget. */
public final class QueryContext {
  final SeriesStore store;
  final EngineOptions options;
  final String query;
  final long start;
  final long end;
  final long step;
  final Set<String> warnings = new LinkedHashSet<>();
  final Set<String> infos = new LinkedHashSet<>();
  private final long deadlineNanos;
  private long samples;
  private int checks;

  public QueryContext(SeriesStore store, EngineOptions options, String query, long start, long end, long step) {
    this.store = store;
    this.options = options;
    this.query = query;
    this.start = start;
    this.end = end;
    this.step = step;
    this.deadlineNanos = System.nanoTime() + options.timeout().toNanos();
  }

  void warn(String text, int pos) {
    warnings.add("PromQL warning: " + text + " (" + Positions.lineCol(query, pos) + ")");
  }

  void info(String text, int pos) {
    infos.add("PromQL info: " + text + " (" + Positions.lineCol(query, pos) + ")");
  }

  /** Charges n samples held in memory against the per-query limit. */
  void charge(long n) {
    samples += n;
    if (samples > options.maxSamples()) {
      throw PromqlException.execution("query processing would load too many samples into memory in query execution"
          + " (limit " + options.maxSamples() + ")");
    }
    checkTimeout();
  }

  void checkTimeout() {
    if ((++checks & 63) == 0 && System.nanoTime() > deadlineNanos) {
      throw new PromqlException(PromqlException.Type.TIMEOUT, "query timed out in query execution");
    }
    if (Thread.currentThread().isInterrupted()) {
      throw new PromqlException(PromqlException.Type.CANCELED, "query was canceled in query execution");
    }
  }
}
