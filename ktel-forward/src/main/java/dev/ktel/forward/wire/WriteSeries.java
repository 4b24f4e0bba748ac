package dev.ktel.forward.wire;

import dev.ktel.store.api.Labels;

/**
 * One series of a write: its labels (metric name under {@code __name__}) and samples, timestamps in epoch
 * milliseconds. The shape of a Prometheus remote write {@code TimeSeries} without exemplars or native histograms.
 */
public record WriteSeries(Labels labels, long[] timestamps, double[] values) {
    public WriteSeries {
        if (timestamps.length != values.length) {
            throw new IllegalArgumentException("timestamps and values differ in length");
        }
    }

    public static WriteSeries of(Labels labels, long timestamp, double value) {
        return new WriteSeries(labels, new long[] {timestamp}, new double[] {value});
    }

    public int size() {
        return values.length;
    }
}
