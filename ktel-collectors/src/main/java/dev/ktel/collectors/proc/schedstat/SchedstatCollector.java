package dev.ktel.collectors.proc.schedstat;

import dev.ktel.collectors.Collector;
import dev.ktel.collectors.CollectorContext;
import dev.ktel.collectors.CollectorFactory;
import dev.ktel.collectors.CollectorUnavailableException;
import dev.ktel.core.io.ProcFile;
import dev.ktel.core.metric.MetricFamily;
import dev.ktel.core.metric.MetricSink;
import dev.ktel.core.text.ParseErrors;

/**
 * Per-CPU scheduler run time, run-queue wait time and timeslices from /proc/schedstat, as node_exporter's
 * schedstat collector. Run-queue wait is the scheduling-latency signal: time runnable tasks could not run.
 */
public final class SchedstatCollector implements Collector {
    static final MetricFamily RUNNING = MetricFamily.counter("node_schedstat_running_seconds_total",
            "Number of seconds CPU spent running a process.", "cpu");
    static final MetricFamily WAITING = MetricFamily.counter("node_schedstat_waiting_seconds_total",
            "Number of seconds spent by processing waiting for this CPU.", "cpu");
    static final MetricFamily TIMESLICES = MetricFamily.counter("node_schedstat_timeslices_total",
            "Number of timeslices executed by CPU.", "cpu");

    private final ProcFile file;
    private final ParseErrors errors;
    private final SchedstatParser parser = new SchedstatParser();
    private final Schedstat stat = new Schedstat();

    SchedstatCollector(ProcFile file, ParseErrors errors) {
        this.file = file;
        this.errors = errors;
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        int n = file.read();
        parser.parse(file.name(), file.bytes(), n, stat, errors);
        if (stat.count == 0) {
            throw new IllegalStateException(file.name() + ": no cpuN lines");
        }
        sink.family(RUNNING);
        for (int i = 0; i < stat.count; i++) {
            sink.sample(stat.cpu[i], stat.runningNanos[i] / 1e9);
        }
        sink.family(WAITING);
        for (int i = 0; i < stat.count; i++) {
            sink.sample(stat.cpu[i], stat.waitingNanos[i] / 1e9);
        }
        sink.family(TIMESLICES);
        for (int i = 0; i < stat.count; i++) {
            sink.sample(stat.cpu[i], stat.timeslices[i]);
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
            return "schedstat";
        }

        @Override
        public String description() {
            return "Per-CPU scheduler run time, run-queue wait and timeslices from /proc/schedstat.";
        }

        @Override
        public Collector create(CollectorContext ctx) throws CollectorUnavailableException {
            return new SchedstatCollector(new ProcFile(ctx.requireFile(ctx.paths().proc("schedstat"),
                    "kernel built without CONFIG_SCHEDSTATS")), ctx.errors());
        }
    }
}
