package dev.ktel.collectors.proc.loadavg;

import dev.ktel.collectors.Collector;
import dev.ktel.collectors.CollectorContext;
import dev.ktel.collectors.CollectorFactory;
import dev.ktel.collectors.CollectorUnavailableException;
import dev.ktel.collectors.PseudoFile;
import dev.ktel.core.metric.MetricFamily;
import dev.ktel.core.metric.MetricSink;

/** node_load1/5/15 from /proc/loadavg, as node_exporter's loadavg collector. */
public final class LoadAvgCollector implements Collector {
    static final MetricFamily LOAD1 = MetricFamily.gauge("node_load1", "1m load average.");
    static final MetricFamily LOAD5 = MetricFamily.gauge("node_load5", "5m load average.");
    static final MetricFamily LOAD15 = MetricFamily.gauge("node_load15", "15m load average.");

    private final PseudoFile file;
    private final LoadAvgParser parser = new LoadAvgParser();
    private final LoadAvg load = new LoadAvg();

    LoadAvgCollector(PseudoFile file) {
        this.file = file;
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        int n = file.read();
        parser.parse(file.name(), file.bytes(), n, load);
        sink.family(LOAD1);
        sink.sample(load.load1);
        sink.family(LOAD5);
        sink.sample(load.load5);
        sink.family(LOAD15);
        sink.sample(load.load15);
    }

    @Override
    public void close() {
        file.close();
    }

    /** Registered in META-INF/services. */
    public static final class Factory implements CollectorFactory {
        @Override
        public String name() {
            return "loadavg";
        }

        @Override
        public String description() {
            return "Load averages from /proc/loadavg.";
        }

        @Override
        public Collector create(CollectorContext ctx) throws CollectorUnavailableException {
            return new LoadAvgCollector(new PseudoFile(ctx.requireFile(ctx.paths().proc("loadavg"), null)));
        }
    }
}
