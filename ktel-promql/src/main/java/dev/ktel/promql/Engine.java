package dev.ktel.promql;

import dev.ktel.promql.ast.Expr;
import dev.ktel.promql.ast.ValueType;
import dev.ktel.promql.eval.Evaluator;
import dev.ktel.promql.eval.QueryContext;
import dev.ktel.store.api.SeriesStore;
import java.util.Objects;

/**
 * Evaluates PromQL queries against a {@link SeriesStore} with Prometheus 3.x semantics. Thread-safe: each query
 * gets its own evaluation state.
 */
public final class Engine {
  private final SeriesStore store;
  private final EngineOptions options;
  private final EngineStats stats = new EngineStats();

  public Engine(SeriesStore store) {
    this(store, EngineOptions.DEFAULTS);
  }

  public Engine(SeriesStore store, EngineOptions options) {
    this.store = Objects.requireNonNull(store);
    this.options = Objects.requireNonNull(options);
  }

  public EngineOptions options() {
    return options;
  }

  /** Queries run and failed so far (for self-metrics). */
  public EngineStats stats() {
    return stats;
  }

  /** Counts the query and, if it fails, its error type. */
  private Result counted(java.util.function.Supplier<Result> q) {
    stats.queried();
    try {
      return q.get();
    } catch (PromqlException e) {
      stats.failed(e.type());
      throw e;
    }
  }

  /** Evaluates {@code q} at one instant; any result type. */
  public Result instantQuery(String q, long timeMillis) {
    return counted(() -> instant(q, timeMillis));
  }

  private Result instant(String q, long timeMillis) {
    Expr e = PromqlParser.parse(q);
    QueryContext ctx = new QueryContext(store, options, q, timeMillis, timeMillis, 0);
    return new Evaluator(ctx).run(e, true);
  }

  /** Evaluates {@code q} at every step from start to end (inclusive); the result is always a matrix. */
  public Result rangeQuery(String q, long startMs, long endMs, long stepMs) {
    return counted(() -> range(q, startMs, endMs, stepMs));
  }

  private Result range(String q, long startMs, long endMs, long stepMs) {
    if (stepMs <= 0) {
      throw PromqlException.badData("zero or negative query resolution step widths are not accepted. "
          + "Try a positive integer");
    }
    if (endMs < startMs) {
      throw PromqlException.badData("end timestamp must not be before start time");
    }
    Expr e = PromqlParser.parse(q);
    if (e.type() != ValueType.SCALAR && e.type() != ValueType.VECTOR) {
      throw PromqlException.badData("invalid expression type \"" + e.type().text()
          + "\" for range query, must be Scalar or instant Vector");
    }
    QueryContext ctx = new QueryContext(store, options, q, startMs, endMs, stepMs);
    return new Evaluator(ctx).run(e, false);
  }
}
