package dev.ktel.forward.server;

import dev.ktel.core.metric.MetricFamily;
import dev.ktel.core.metric.MetricSink;
import dev.ktel.forward.metrics.LabeledCounter;
import java.util.concurrent.atomic.LongAdder;

/** The ingest side's self-metrics. */
public final class IngestMetrics {
    final LabeledCounter batches = new LabeledCounter("ktel_ingest_batches_total",
            "Batches committed, by endpoint (ktel or remote_write).", "endpoint", "ktel", "remote_write");
    final LongAdder samples = new LongAdder();
    final LongAdder events = new LongAdder();
    final LongAdder duplicates = new LongAdder();
    final LabeledCounter errors = new LabeledCounter("ktel_ingest_errors_total",
            "Requests refused, by reason (unauthorized, bad_payload, method, store).", "reason",
            "unauthorized", "bad_payload", "store");
    final LabeledCounter rejected = new LabeledCounter("ktel_ingest_rejected_samples_total",
            "Samples the store refused (out_of_order, duplicate_timestamp, too_old); the batch is still acknowledged.",
            "reason");
    final LatencyHistogram latency = new LatencyHistogram();

    private static final MetricFamily SAMPLES = MetricFamily.counter("ktel_ingest_samples_total",
            "Samples committed to the store.");
    private static final MetricFamily EVENTS = MetricFamily.counter("ktel_ingest_events_total",
            "Events handed to the event sink.");
    private static final MetricFamily DUPLICATES = MetricFamily.counter("ktel_ingest_duplicate_batches_total",
            "Batches acknowledged without storing because their idempotency key was already committed.");
    private static final MetricFamily LATENCY = MetricFamily.histogram("ktel_ingest_latency_seconds",
            "Collection timestamp to committed (queryable) on the server, per collection in a batch.");

    public void write(MetricSink sink) {
        batches.write(sink);
        sink.family(SAMPLES);
        sink.sample(samples.sum());
        sink.family(EVENTS);
        sink.sample(events.sum());
        sink.family(DUPLICATES);
        sink.sample(duplicates.sum());
        errors.write(sink);
        rejected.write(sink);
        sink.family(LATENCY);
        sink.histogram(new String[0], latency.bounds(), latency.cumulative(), latency.count(), latency.sum());
    }

    public LatencyHistogram latency() {
        return latency;
    }

    public long samples() {
        return samples.sum();
    }

    public long duplicates() {
        return duplicates.sum();
    }

    public long errors(String reason) {
        return errors.get(reason);
    }

    public long rejected(String reason) {
        return rejected.get(reason);
    }
}
