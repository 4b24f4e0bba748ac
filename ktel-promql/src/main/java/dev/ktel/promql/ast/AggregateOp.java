package dev.ktel.promql.ast;

/** Aggregation operators; {@code param} tells whether a first parameter precedes the vector. */
public enum AggregateOp {
  SUM(false), AVG(false), COUNT(false), MIN(false), MAX(false), GROUP(false), STDDEV(false), STDVAR(false),
  TOPK(true), BOTTOMK(true), QUANTILE(true), COUNT_VALUES(true), LIMITK(true), LIMIT_RATIO(true);

  private final boolean param;

  AggregateOp(boolean param) {
    this.param = param;
  }

  public boolean hasParam() {
    return param;
  }

  public String text() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static AggregateOp byName(String s) {
    for (AggregateOp op : values()) {
      if (op.text().equalsIgnoreCase(s)) {
        return op;
      }
    }
    return null;
  }
}
