package dev.ktel.forward.buffer;

import dev.ktel.core.event.Event;
import dev.ktel.core.event.Severity;
import java.util.Locale;

/**
 * What the buffer keeps longest when it is full, most important first. When full, the buffer drops the oldest
 * batch of the least important class present (never a batch more important than the one being added).
 */
public enum PriorityClass {
    /** OOM kills, security and audit events, anything at crit or worse: the reason to run ktel at all. */
    EVENTS_CRITICAL("events:critical"),
    METRICS_CORE("metrics:core"),
    METRICS_LOW("metrics:low"),
    /** Plain log lines and other events. */
    EVENTS_OTHER("events:other");

    private final String label;

    PriorityClass(String label) {
        this.label = label;
    }

    /** The {@code class} label value of {@code ktel_buffer_dropped_total}. */
    public String label() {
        return label;
    }

    /** True when this class is kept in preference to {@code other}. */
    public boolean moreImportantThan(PriorityClass other) {
        return ordinal() < other.ordinal();
    }

    public static PriorityClass of(Event e) {
        String t = e.type().toLowerCase(Locale.ROOT);
        if (t.contains("oom") || t.startsWith("security") || t.startsWith("audit") || t.startsWith("lockdown")
                || e.severity().compareTo(Severity.CRIT) <= 0) {
            return EVENTS_CRITICAL;
        }
        return EVENTS_OTHER;
    }
}
