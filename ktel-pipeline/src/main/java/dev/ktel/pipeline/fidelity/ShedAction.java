package dev.ktel.pipeline.fidelity;

import java.util.Locale;

/** What adaptive fidelity gives up, in the order it does: level N sheds the first N actions. */
public enum ShedAction {
    /** Low-priority collectors run at a longer interval (their last output is repeated in between). */
    COLLECTOR_INTERVAL,
    /** Histograms lose every other bucket boundary (adjacent buckets merged). */
    HISTOGRAM_BUCKETS,
    /** Sampled event streams keep a smaller share (never protected events). */
    EVENT_SAMPLING;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The fidelity level at which this action is in force. */
    public int level() {
        return ordinal() + 1;
    }
}
