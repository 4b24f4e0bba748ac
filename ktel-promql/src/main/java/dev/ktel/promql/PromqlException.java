package dev.ktel.promql;

/**
 * A query that cannot be answered. {@link #type()} is the Prometheus HTTP API error type so an API layer can map it
 * directly: bad_data (parse errors, invalid parameters), execution, timeout, canceled.
 */
public final class PromqlException extends RuntimeException {
  public enum Type {
    BAD_DATA("bad_data"), EXECUTION("execution"), TIMEOUT("timeout"), CANCELED("canceled");

    private final String apiName;

    Type(String apiName) {
      this.apiName = apiName;
    }

    public String apiName() {
      return apiName;
    }
  }

  private final Type type;

  public PromqlException(Type type, String message) {
    super(message);
    this.type = type;
  }

  public PromqlException(Type type, String message, Throwable cause) {
    super(message, cause);
    this.type = type;
  }

  public Type type() {
    return type;
  }

  public static PromqlException execution(String message) {
    return new PromqlException(Type.EXECUTION, message);
  }

  public static PromqlException badData(String message) {
    return new PromqlException(Type.BAD_DATA, message);
  }
}
