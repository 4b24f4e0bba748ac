package dev.ktel.api;

import dev.ktel.core.metric.MetricFamily;
import dev.ktel.core.metric.MetricSink;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Self-metrics of the API: requests, errors by type and time spent, per endpoint. The owner of the agent's
 * self-metrics calls {@link #collect} on each scrape.
 */
public final class ApiMetrics {
    static final MetricFamily REQUESTS = MetricFamily.counter("ktel_api_requests_total",
        "Prometheus API requests served, by endpoint.", "endpoint");
    static final MetricFamily ERRORS = MetricFamily.counter("ktel_api_errors_total",
        "Prometheus API requests answered with an error, by endpoint and Prometheus error type.", "endpoint",
        "error_type");
    static final MetricFamily SECONDS = MetricFamily.counter("ktel_api_request_seconds_total",
        "Time spent serving Prometheus API requests, by endpoint.", "endpoint");

    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> nanos = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();

    void served(String endpoint, long elapsedNanos) {
        requests.computeIfAbsent(endpoint, k -> new LongAdder()).increment();
        nanos.computeIfAbsent(endpoint, k -> new LongAdder()).add(elapsedNanos);
    }

    void failed(String endpoint, ErrorType type) {
        errors.computeIfAbsent(endpoint + '\u0000' + type.text(), k -> new LongAdder()).increment();
    }

    public long requests(String endpoint) {
        LongAdder a = requests.get(endpoint);
        return a == null ? 0 : a.sum();
    }

    public long errors(String endpoint, ErrorType type) {
        LongAdder a = errors.get(endpoint + '\u0000' + type.text());
        return a == null ? 0 : a.sum();
    }

    public void collect(MetricSink sink) {
        sink.family(REQUESTS);
        new TreeMap<>(requests).forEach((k, v) -> sink.sample(k, v.sum()));
        sink.family(ERRORS);
        new TreeMap<>(errors).forEach((k, v) -> {
            int sep = k.indexOf('\u0000');
            sink.sample(k.substring(0, sep), k.substring(sep + 1), v.sum());
        });
        sink.family(SECONDS);
        new TreeMap<>(nanos).forEach((k, v) -> sink.sample(k, v.sum() / 1e9));
    }
}
