package dev.ktel.collectors;

/** This host cannot provide a collector's data; the message says why (shown in logs and by doctor). */
public final class CollectorUnavailableException extends Exception {
    public CollectorUnavailableException(String reason) {
        super(reason);
    }
}
