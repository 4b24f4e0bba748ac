package dev.ktel.collectors;

import dev.ktel.core.text.ParseErrors;
import dev.ktel.core.text.ProcParseException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts one collector's parse errors for {@code ktel_collector_parse_errors_total} and logs them: the first
 * few in full, then at most one line a minute with the running count, so a file that is broken on every
 * scrape cannot flood the log.
 */
public final class CountingParseErrors implements ParseErrors {
    private static final Logger LOG = LoggerFactory.getLogger(CountingParseErrors.class);
    private static final int LOG_FIRST = 5;
    private static final long LOG_EVERY_NANOS = 60_000_000_000L;

    private final String collector;
    private final AtomicLong count = new AtomicLong();
    private volatile long lastLog;

    public CountingParseErrors(String collector) {
        this.collector = collector;
    }

    @Override
    public void report(ProcParseException error) {
        long n = count.incrementAndGet();
        long now = System.nanoTime();
        if (n <= LOG_FIRST || now - lastLog > LOG_EVERY_NANOS) {
            lastLog = now;
            LOG.warn("collector={} parse error ({} so far): {}", collector, n, error.getMessage());
        }
    }

    public long count() {
        return count.get();
    }
}
