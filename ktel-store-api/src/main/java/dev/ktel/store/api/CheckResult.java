package dev.ktel.store.api;

/** Health of a store as a value (Zipkin's CheckResult): ok, or the error that makes it unusable. */
public record CheckResult(boolean ok, Throwable error) {
  public static final CheckResult OK = new CheckResult(true, null);

  public static CheckResult failed(Throwable error) {
    return new CheckResult(false, error);
  }
}
