package dev.ktel.api;

/**
 * HELP, TYPE and unit of one metric family, as /api/v1/metadata lists them. {@code type} is a Prometheus
 * metadata type: counter, gauge, histogram, gaugehistogram, summary, info, stateset or unknown.
 */
public record MetricMetadata(String metric, String type, String help, String unit) {
    public MetricMetadata {
        unit = unit == null ? "" : unit;
        help = help == null ? "" : help;
    }
}
