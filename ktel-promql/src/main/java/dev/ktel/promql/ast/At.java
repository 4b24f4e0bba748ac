package dev.ktel.promql.ast;

/** The {@code @} modifier: a fixed time in seconds, or the query's start() or end(). */
public record At(Kind kind, double seconds) {
  public enum Kind { TIME, START, END }

  /** The pinned evaluation time in milliseconds. */
  public long millis(long queryStart, long queryEnd) {
    return switch (kind) {
      case START -> queryStart;
      case END -> queryEnd;
      case TIME -> Math.round(seconds * 1000);
    };
  }
}
