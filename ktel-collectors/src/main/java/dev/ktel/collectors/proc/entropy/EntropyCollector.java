package dev.ktel.collectors.proc.entropy;

import dev.ktel.collectors.Collector;
import dev.ktel.collectors.CollectorContext;
import dev.ktel.collectors.CollectorFactory;
import dev.ktel.collectors.CollectorUnavailableException;
import dev.ktel.collectors.PseudoFile;
import dev.ktel.core.metric.MetricFamily;
import dev.ktel.core.metric.MetricSink;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Entropy pool fill and size from /proc/sys/kernel/random/{entropy_avail,poolsize}, as node_exporter's
 * entropy collector; see https://docs.kernel.org/admin-guide/sysctl/kernel.html (random). Each file holds
 * one number, read with {@link PseudoFile#readLong()}. Since 5.18 both are constant (256), kept for
 * compatibility.
 */
public final class EntropyCollector implements Collector {
    static final MetricFamily AVAILABLE = MetricFamily.gauge("node_entropy_available_bits",
            "Bits of available entropy.");
    static final MetricFamily POOL_SIZE = MetricFamily.gauge("node_entropy_pool_size_bits",
            "Bits of entropy pool.");

    private final PseudoFile available;
    private final PseudoFile poolSize;

    EntropyCollector(PseudoFile available, PseudoFile poolSize) {
        this.available = available;
        this.poolSize = poolSize;
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        long avail = available.readLong();
        sink.family(AVAILABLE);
        sink.sample(avail);
        if (poolSize != null) {
            long size = poolSize.readLong();
            sink.family(POOL_SIZE);
            sink.sample(size);
        }
    }

    @Override
    public void close() {
        available.close();
        if (poolSize != null) {
            poolSize.close();
        }
    }

    /** Registered in META-INF/services. */
    public static final class Factory implements CollectorFactory {
        @Override
        public String name() {
            return "entropy";
        }

        @Override
        public String description() {
            return "Available entropy and pool size from /proc/sys/kernel/random.";
        }

        @Override
        public Collector create(CollectorContext ctx) throws CollectorUnavailableException {
            Path avail = ctx.requireFile(ctx.paths().proc("sys/kernel/random/entropy_avail"), null);
            Path pool = ctx.paths().proc("sys/kernel/random/poolsize");
            return new EntropyCollector(new PseudoFile(avail, 64),
                    Files.exists(pool) ? new PseudoFile(pool, 64) : null);
        }
    }
}
