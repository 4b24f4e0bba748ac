package dev.ktel.core.metric;

/** Metric types of the Prometheus data model. */
public enum MetricType {
    COUNTER("counter", "counter"),
    GAUGE("gauge", "gauge"),
    UNTYPED("untyped", "unknown"),
    HISTOGRAM("histogram", "histogram"),
    SUMMARY("summary", "summary");

    private final String textName;
    private final String openMetricsName;

    MetricType(String textName, String openMetricsName) {
        this.textName = textName;
        this.openMetricsName = openMetricsName;
    }

    /** Name in the Prometheus text format 0.0.4 {@code # TYPE} line. */
    public String textName() {
        return textName;
    }

    /** Name in the OpenMetrics {@code # TYPE} line. */
    public String openMetricsName() {
        return openMetricsName;
    }
}
