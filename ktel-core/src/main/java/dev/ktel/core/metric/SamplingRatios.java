package dev.ktel.core.metric;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;

/**
 * Sampling ratios of sources that sample on their own (e.g. an eBPF probe that times 1 in 8 syscalls), so that the
 * one {@code ktel_sampling_ratio{stream}} family, written by the edge pipeline together with its event streams,
 * lists them all: a metric family may appear only once per scrape.
 */
public final class SamplingRatios {
    private static final Map<String, DoubleSupplier> STREAMS = new ConcurrentHashMap<>();

    private SamplingRatios() {
    }

    /** Registers a stream's current ratio (kept fraction, 1 = not sampled); close the handle to remove it. */
    public static AutoCloseable register(String stream, DoubleSupplier ratio) {
        STREAMS.put(stream, ratio);
        return () -> STREAMS.remove(stream, ratio);
    }

    /** Registered streams and their ratios now, sorted by stream. */
    public static Map<String, Double> snapshot() {
        Map<String, Double> out = new TreeMap<>();
        STREAMS.forEach((k, v) -> out.put(k, v.getAsDouble()));
        return out;
    }
}
