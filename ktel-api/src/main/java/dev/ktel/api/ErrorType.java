package dev.ktel.api;

/** The Prometheus API error types and the HTTP status each is answered with (as Prometheus' defaults). */
public enum ErrorType {
    BAD_DATA("bad_data", 400),
    EXECUTION("execution", 422),
    TIMEOUT("timeout", 503),
    /** Prometheus answers 499 (client closed request) when a query is canceled. */
    CANCELED("canceled", 499),
    INTERNAL("internal", 500),
    UNAVAILABLE("unavailable", 503),
    NOT_FOUND("not_found", 404),
    NOT_ACCEPTABLE("not_acceptable", 406);

    private final String text;
    private final int status;

    ErrorType(String text, int status) {
        this.text = text;
        this.status = status;
    }

    /** The {@code errorType} field of the error response. */
    public String text() {
        return text;
    }

    public int httpStatus() {
        return status;
    }
}
