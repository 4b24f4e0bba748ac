package dev.ktel.agent.events;

import dev.ktel.collectors.kmsg.KmsgSource;
import dev.ktel.core.event.Severity;
import dev.ktel.core.metric.MetricFamily;
import dev.ktel.core.metric.MetricSink;
import java.util.Map;

/** Events counted as metrics, plus the kernel log reader's self-metrics. */
public final class EventMetrics {
    static final MetricFamily EVENTS = MetricFamily.counter("ktel_kernel_events_total",
            "Kernel and host events seen, by event type and severity.", "type", "severity");
    static final MetricFamily RING_EVICTED = MetricFamily.counter("ktel_events_ring_evicted_total",
            "Events pushed out of the in-memory event ring by newer ones.");
    static final MetricFamily KMSG_RECORDS = MetricFamily.counter("ktel_kmsg_records_total",
            "Kernel log records read from /dev/kmsg.");
    static final MetricFamily KMSG_MISSED = MetricFamily.counter("ktel_kmsg_missed_records_total",
            "Kernel log records lost before they could be read (ring buffer overwritten, sequence gaps, reboot).");
    static final MetricFamily KMSG_PARSE_ERRORS = MetricFamily.counter("ktel_kmsg_parse_errors_total",
            "Kernel log records that could not be parsed and were skipped.");

    private static final String[] SEVERITY_LABELS = new String[Severity.values().length];

    static {
        for (Severity s : Severity.values()) {
            SEVERITY_LABELS[s.ordinal()] = s.label();
        }
    }

    private final EventRing ring;
    private final KmsgSource kmsg;

    /** @param kmsg the kernel log source, or null when it is not running (its families are then omitted) */
    public EventMetrics(EventRing ring, KmsgSource kmsg) {
        this.ring = ring;
        this.kmsg = kmsg;
    }

    public void write(MetricSink sink) {
        sink.family(EVENTS);
        for (Map.Entry<String, long[]> e : ring.countsByTypeAndSeverity().entrySet()) {
            long[] bySeverity = e.getValue();
            for (int s = 0; s < bySeverity.length; s++) {
                if (bySeverity[s] > 0) {
                    sink.sample(e.getKey(), SEVERITY_LABELS[s], bySeverity[s]);
                }
            }
        }
        sink.family(RING_EVICTED);
        sink.sample(ring.evicted());
        if (kmsg != null) {
            sink.family(KMSG_RECORDS);
            sink.sample(kmsg.records());
            sink.family(KMSG_MISSED);
            sink.sample(kmsg.missedRecords());
            sink.family(KMSG_PARSE_ERRORS);
            sink.sample(kmsg.parseErrors());
        }
    }
}
