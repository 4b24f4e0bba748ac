package dev.ktel.collectors.proc.interrupts;

import dev.ktel.collectors.Collector;
import dev.ktel.collectors.CollectorContext;
import dev.ktel.collectors.CollectorFactory;
import dev.ktel.collectors.CollectorOption;
import dev.ktel.collectors.CollectorUnavailableException;
import dev.ktel.core.io.ProcFile;
import dev.ktel.core.metric.MetricFamily;
import dev.ktel.core.metric.MetricSink;
import dev.ktel.core.text.ParseErrors;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Per-CPU interrupt counts from /proc/interrupts as {@code node_interrupts_total{cpu,devices,info,type}}, as
 * node_exporter's interrupts collector, off by default like there (series count grows with CPUs times
 * IRQs). Options {@code name-include}/{@code name-exclude} match {@code type;info;devices};
 * {@code include-zeros=false} drops zero counts.
 */
public final class InterruptsCollector implements Collector {
    static final MetricFamily INTERRUPTS = MetricFamily.counter("node_interrupts_total", "Interrupt details.",
            "cpu", "devices", "info", "type");

    private final ProcFile file;
    private final ParseErrors errors;
    private final Pattern include;
    private final Pattern exclude;
    private final boolean includeZeros;
    private final InterruptsParser parser = new InterruptsParser();
    private final Interrupts interrupts = new Interrupts();
    /** Filter decision per type, valid while its info and devices Strings stay the same instances. */
    private final Map<String, Decision> decisions = new HashMap<>();
    private final String[] labels = new String[4];

    private static final class Decision {
        String info;
        String devices;
        boolean keep;
    }

    InterruptsCollector(ProcFile file, ParseErrors errors, Pattern include, Pattern exclude, boolean includeZeros) {
        this.file = file;
        this.errors = errors;
        this.include = include;
        this.exclude = exclude;
        this.includeZeros = includeZeros;
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        int n = file.read();
        parser.parse(file.name(), file.bytes(), n, interrupts, errors);
        sink.family(INTERRUPTS);
        int cpus = interrupts.cpus;
        for (int r = 0; r < interrupts.rows; r++) {
            if (!keep(r)) {
                continue;
            }
            labels[1] = interrupts.devices[r];
            labels[2] = interrupts.info[r];
            labels[3] = interrupts.type[r];
            for (int c = 0; c < cpus; c++) {
                long v = interrupts.counts[r * cpus + c];
                if (v == 0 && !includeZeros) {
                    continue;
                }
                labels[0] = interrupts.cpu[c];
                sink.sample(labels, v);
            }
        }
    }

    private boolean keep(int r) {
        if (include == null && exclude == null) {
            return true;
        }
        String type = interrupts.type[r];
        Decision d = decisions.get(type);
        if (d == null) {
            d = new Decision();
            decisions.put(type, d);
        }
        if (d.info != interrupts.info[r] || d.devices != interrupts.devices[r]) {
            String name = type + ";" + interrupts.info[r] + ";" + interrupts.devices[r];
            d.keep = !(exclude != null && exclude.matcher(name).find())
                    && (include == null || include.matcher(name).find());
            d.info = interrupts.info[r];
            d.devices = interrupts.devices[r];
        }
        return d.keep;
    }

    @Override
    public void close() {
        file.close();
    }

    /** Registered in META-INF/services. */
    public static final class Factory implements CollectorFactory {
        @Override
        public String name() {
            return "interrupts";
        }

        @Override
        public String description() {
            return "Per-CPU interrupt counts from /proc/interrupts.";
        }

        @Override
        public boolean enabledByDefault() {
            return false;
        }

        @Override
        public List<CollectorOption> options() {
            return List.of(
                    new CollectorOption("name-include", "", "Regex of interrupts to export, matched against "
                            + "type;info;devices (empty: all)."),
                    new CollectorOption("name-exclude", "", "Regex of interrupts to drop, matched against "
                            + "type;info;devices."),
                    new CollectorOption("include-zeros", "true", "Also export per-CPU counts that are zero."));
        }

        @Override
        public Collector create(CollectorContext ctx) throws CollectorUnavailableException {
            Pattern include = ctx.regexOption("name-include", "");
            Pattern exclude = ctx.regexOption("name-exclude", "");
            boolean zeros = ctx.booleanOption("include-zeros", true);
            return new InterruptsCollector(new ProcFile(ctx.requireFile(ctx.paths().proc("interrupts"), null), 16384),
                    ctx.errors(), include, exclude, zeros);
        }
    }
}
