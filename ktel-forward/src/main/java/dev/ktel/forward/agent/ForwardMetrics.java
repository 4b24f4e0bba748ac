package dev.ktel.forward.agent;

import dev.ktel.core.metric.MetricFamily;
import dev.ktel.core.metric.MetricSink;
import dev.ktel.forward.buffer.PriorityClass;
import dev.ktel.forward.metrics.LabeledCounter;
import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/** The forwarder's self-metrics. */
public final class ForwardMetrics {
    private static final String[] CLASSES = Arrays.stream(PriorityClass.values()).map(PriorityClass::label)
            .toArray(String[]::new);

    final LabeledCounter dropped = new LabeledCounter("ktel_buffer_dropped_total",
            "Samples and events dropped because the buffer was full, by priority class.", "class", CLASSES);
    final LabeledCounter droppedBatches = new LabeledCounter("ktel_buffer_dropped_batches_total",
            "Batches dropped because the buffer was full, by priority class.", "class", CLASSES);
    final LabeledCounter errors = new LabeledCounter("ktel_forward_errors_total",
            "Failed sends, by reason (connect, timeout, http_4xx, http_5xx, unauthorized, rejected).", "reason");
    final LabeledCounter refused = new LabeledCounter("ktel_forward_refused_total",
            "Samples and events the server refused permanently (HTTP 400/413), by class; not retried.", "class");
    final LongAdder sent = new LongAdder();
    final LongAdder sentItems = new LongAdder();
    final LongAdder retries = new LongAdder();
    final LongAdder unsupported = new LongAdder();
    private volatile LongSupplier bufferBytes = () -> 0;
    private volatile LongSupplier bufferBatches = () -> 0;

    private static final MetricFamily SENT = MetricFamily.counter("ktel_forward_batches_sent_total",
            "Batches acknowledged by the server.");
    private static final MetricFamily SENT_ITEMS = MetricFamily.counter("ktel_forward_items_sent_total",
            "Samples and events in acknowledged batches.");
    private static final MetricFamily RETRIES = MetricFamily.counter("ktel_forward_retries_total",
            "Sends repeated after a failure.");
    private static final MetricFamily BYTES = MetricFamily.gauge("ktel_buffer_bytes",
            "Bytes of batches in the disk buffer waiting for an acknowledgement.");
    private static final MetricFamily BATCHES = MetricFamily.gauge("ktel_buffer_batches",
            "Batches in the disk buffer waiting for an acknowledgement.");
    private static final MetricFamily UNSUPPORTED = MetricFamily.counter("ktel_forward_events_unsupported_total",
            "Events not forwarded because the payload format (remote write) cannot carry them.");

    void bind(LongSupplier bytes, LongSupplier batches) {
        this.bufferBytes = bytes;
        this.bufferBatches = batches;
    }

    public void write(MetricSink sink) {
        dropped.write(sink);
        droppedBatches.write(sink);
        errors.write(sink);
        refused.write(sink);
        sink.family(SENT);
        sink.sample(sent.sum());
        sink.family(SENT_ITEMS);
        sink.sample(sentItems.sum());
        sink.family(RETRIES);
        sink.sample(retries.sum());
        sink.family(BYTES);
        sink.sample(bufferBytes.getAsLong());
        sink.family(BATCHES);
        sink.sample(bufferBatches.getAsLong());
        sink.family(UNSUPPORTED);
        sink.sample(unsupported.sum());
    }

    public long dropped(PriorityClass c) {
        return dropped.get(c.label());
    }

    public long droppedTotal() {
        return dropped.total();
    }

    public long sentBatches() {
        return sent.sum();
    }

    public long sentItems() {
        return sentItems.sum();
    }

    public long retries() {
        return retries.sum();
    }

    public long errors(String reason) {
        return errors.get(reason);
    }

    public long errorsTotal() {
        return errors.total();
    }
}
