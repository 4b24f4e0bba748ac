package dev.ktel.api;

/** A request the API answers with {@code {"status":"error", ...}}: the error type decides the HTTP status. */
public final class ApiException extends RuntimeException {
    private final ErrorType type;

    public ApiException(ErrorType type, String message) {
        super(message);
        this.type = type;
    }

    public ApiException(ErrorType type, String message, Throwable cause) {
        super(message, cause);
        this.type = type;
    }

    /** Prometheus' wording for a bad parameter: {@code invalid parameter "start": <why>}. */
    public static ApiException invalidParam(String name, String why) {
        return new ApiException(ErrorType.BAD_DATA, "invalid parameter \"" + name + "\": " + why);
    }

    public static ApiException badData(String message) {
        return new ApiException(ErrorType.BAD_DATA, message);
    }

    public ErrorType type() {
        return type;
    }
}
