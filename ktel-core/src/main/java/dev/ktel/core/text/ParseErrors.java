package dev.ktel.core.text;

/**
 * Where parsers report a bad line and carry on. The agent counts each report in
 * {@code ktel_collector_parse_errors_total{collector}} and logs it (rate-limited).
 */
@FunctionalInterface
public interface ParseErrors {

    void report(ProcParseException error);

    /** Swallows reports; for tools that only want the values. */
    ParseErrors IGNORE = e -> { };

    /** Throws the first report; for tests that expect clean input. */
    ParseErrors THROW = e -> {
        throw e;
    };
}
