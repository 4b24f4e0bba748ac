package dev.ktel.collectors;

import dev.ktel.core.metric.MetricSink;

/**
 * Reads one concern of the host (one kernel file or a small group of them) and writes its metric families.
 * Created once by its {@link CollectorFactory}; {@link #collect} runs on every scrape and collection tick,
 * always from one thread at a time, and reads the files afresh each time.
 *
 * <p>A bad line is reported to the context's {@code ParseErrors} and skipped; throw only when nothing can
 * be collected (the runner then rolls back this collector's output and reports success 0).
 */
public interface Collector extends AutoCloseable {

    void collect(MetricSink sink) throws Exception;

    /** Releases kept-open files. */
    @Override
    default void close() {
    }
}
