package dev.ktel.core.http;

/** A request that cannot be served: carries the HTTP status and an error type (Prometheus API style). */
public final class HttpException extends RuntimeException {
    private final int status;
    private final String errorType;

    public HttpException(int status, String errorType, String message) {
        super(message);
        this.status = status;
        this.errorType = errorType;
    }

    public int status() {
        return status;
    }

    public String errorType() {
        return errorType;
    }
}
