package dev.ktel.cli;

import dev.ktel.agent.config.DurationParser;
import picocli.CommandLine.Option;

/** Retention flags of the store (ktel run, ktel server); "0" keeps data forever. */
final class StorageOptions {
    @Option(names = "--retention.raw", paramLabel = "DURATION", defaultValue = "15d",
            description = "How long raw samples are kept (default: ${DEFAULT-VALUE}).")
    String raw;

    @Option(names = "--retention.5m", paramLabel = "DURATION", defaultValue = "90d",
            description = "How long 5-minute aggregates are kept (default: ${DEFAULT-VALUE}).")
    String fiveMinutes;

    @Option(names = "--retention.1h", paramLabel = "DURATION", defaultValue = "1y",
            description = "How long 1-hour aggregates are kept (default: ${DEFAULT-VALUE}).")
    String oneHour;

    @Option(names = "--retention.size", paramLabel = "BYTES", defaultValue = "0",
            description = "Largest size of the raw blocks, e.g. 10GB (default: 0, no limit).")
    String size;

    // JDK types only in signatures: picocli reflects on this class for every command, `ktel agent` included
    java.time.Duration raw() {
        return duration("--retention.raw", raw);
    }

    java.time.Duration fiveMinutes() {
        return duration("--retention.5m", fiveMinutes);
    }

    java.time.Duration oneHour() {
        return duration("--retention.1h", oneHour);
    }

    long sizeBytes() {
        return ByteSize.parse("--retention.size", size);
    }

    private static java.time.Duration duration(String flag, String v) {
        if (v.equals("0")) {
            return java.time.Duration.ZERO;
        }
        try {
            return DurationParser.parse(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(flag + ": " + e.getMessage());
        }
    }
}
