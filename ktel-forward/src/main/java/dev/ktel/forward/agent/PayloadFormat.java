package dev.ktel.forward.agent;

import dev.ktel.forward.wire.Compression;

/** What the forwarder sends: ktel batches (with events, zstd) or plain Prometheus remote write 1.0 (snappy). */
public enum PayloadFormat {
    /** {@code POST /api/ktel/v1/write} on a ktel server: metrics and events, zstd. */
    KTEL(Compression.ZSTD),
    /** Any remote write 1.0 receiver (Prometheus, VictoriaMetrics, ktel's /api/v1/write): metrics only, snappy. */
    REMOTE_WRITE(Compression.SNAPPY);

    private final Compression compression;

    PayloadFormat(Compression compression) {
        this.compression = compression;
    }

    public Compression compression() {
        return compression;
    }

    public boolean carriesEvents() {
        return this == KTEL;
    }
}
