package dev.ktel.api.handlers;

/** Prometheus' warning when {@code limit} cut a result short. */
final class Truncation {
    static final String WARNING = "results truncated due to limit";

    private Truncation() {
    }
}
