package dev.ktel.forward.wire;

/** A payload that cannot be decoded; the message names the field (e.g. {@code timeseries[3].samples[0]}). */
public final class PayloadException extends Exception {
    private final String field;

    public PayloadException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
