package dev.ktel.pipeline.cardinality;

import dev.ktel.core.metric.MetricFamily;
import dev.ktel.core.metric.MetricSink;
import java.util.Map;

/**
 * The cardinality self-metrics: {@code ktel_series_active} (the SLI) always; with budgets also the top
 * families by active series, the rejections by metric and the budgets themselves.
 */
public final class CardinalityMetrics {
    static final MetricFamily ACTIVE = MetricFamily.gauge("ktel_series_active",
            "Series written by the last collection (on /metrics: its sample lines; with budgets: label sets "
                    + "active within the expiry window); the cardinality SLI.");
    static final MetricFamily ACTIVE_TOP = MetricFamily.gauge("ktel_series_active_top",
            "Active series of the metric families with the most series (top 10).", "metric");
    static final MetricFamily REJECTED = MetricFamily.counter("ktel_series_rejected_total",
            "Series samples over a cardinality budget, folded into the metric's ktel_overflow series.", "metric");
    static final MetricFamily BUDGET = MetricFamily.gauge("ktel_series_budget",
            "Configured cardinality budgets.", "scope");
    private static final int TOP = 10;

    private final SeriesTracker tracker;
    private final SeriesCount counter;

    private CardinalityMetrics(SeriesTracker tracker, SeriesCount counter) {
        this.tracker = tracker;
        this.counter = counter;
    }

    public static CardinalityMetrics of(SeriesTracker tracker) {
        return new CardinalityMetrics(tracker, null);
    }

    public static CardinalityMetrics of(SeriesCount counter) {
        return new CardinalityMetrics(null, counter);
    }

    public void write(MetricSink sink) {
        sink.family(ACTIVE);
        if (tracker == null) {
            sink.sample(counter.last());
            return;
        }
        sink.sample(tracker.active());
        sink.family(ACTIVE_TOP);
        for (Map.Entry<String, Integer> e : tracker.top(TOP)) {
            sink.sample(e.getKey(), e.getValue());
        }
        sink.family(REJECTED);
        for (Map.Entry<String, Long> e : tracker.rejected().entrySet()) {
            sink.sample(e.getKey(), e.getValue());
        }
        CardinalityBudget b = tracker.budget();
        sink.family(BUDGET);
        sink.sample("per_metric", b.perMetric());
        sink.sample("total", b.total());
    }
}
