package dev.ktel.collectors.proc.softirqs;

import dev.ktel.collectors.Collector;
import dev.ktel.collectors.CollectorContext;
import dev.ktel.collectors.CollectorFactory;
import dev.ktel.collectors.CollectorUnavailableException;
import dev.ktel.collectors.PseudoFile;
import dev.ktel.core.metric.MetricFamily;
import dev.ktel.core.metric.MetricSink;
import dev.ktel.core.text.ParseErrors;

/**
 * Softirq counts per CPU and type from /proc/softirqs, as node_exporter's softirqs collector
 * ({@code node_softirqs_functions_total{cpu,type}}). On by default here (node_exporter has it off): it is
 * small and shows which CPU takes the network and block softirq load.
 */
public final class SoftirqsCollector implements Collector {
    static final MetricFamily FUNCTIONS = MetricFamily.counter("node_softirqs_functions_total",
            "Softirq counts per CPU.", "cpu", "type");

    private final PseudoFile file;
    private final ParseErrors errors;
    private final SoftirqsParser parser = new SoftirqsParser();
    private final Softirqs softirqs = new Softirqs();

    SoftirqsCollector(PseudoFile file, ParseErrors errors) {
        this.file = file;
        this.errors = errors;
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        int n = file.read();
        parser.parse(file.name(), file.bytes(), n, softirqs, errors);
        sink.family(FUNCTIONS);
        int cpus = softirqs.cpus;
        for (int c = 0; c < cpus; c++) {
            for (int t = 0; t < softirqs.types; t++) {
                sink.sample(softirqs.cpu[c], softirqs.type[t], softirqs.counts[t * cpus + c]);
            }
        }
    }

    @Override
    public void close() {
        file.close();
    }

    /** Registered in META-INF/services. */
    public static final class Factory implements CollectorFactory {
        @Override
        public String name() {
            return "softirqs";
        }

        @Override
        public String description() {
            return "Softirq counts per CPU and type from /proc/softirqs.";
        }

        @Override
        public Collector create(CollectorContext ctx) throws CollectorUnavailableException {
            return new SoftirqsCollector(new PseudoFile(ctx.requireFile(ctx.paths().proc("softirqs"), null)),
                    ctx.errors());
        }
    }
}
