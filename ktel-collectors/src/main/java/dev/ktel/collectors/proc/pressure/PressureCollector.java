package dev.ktel.collectors.proc.pressure;

import dev.ktel.collectors.Collector;
import dev.ktel.collectors.CollectorContext;
import dev.ktel.collectors.CollectorFactory;
import dev.ktel.collectors.CollectorUnavailableException;
import dev.ktel.collectors.PseudoFile;
import dev.ktel.core.metric.MetricFamily;
import dev.ktel.core.metric.MetricSink;
import dev.ktel.core.text.ParseErrors;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Pressure stall totals from /proc/pressure, as node_exporter's pressure collector: time tasks waited for
 * CPU, memory and IO ("some") and time no task could progress ("full") for memory, IO and, on kernels that
 * account it (6.1+ with CONFIG_IRQ_TIME_ACCOUNTING), IRQs. Totals are in seconds.
 */
public final class PressureCollector implements Collector {
    static final MetricFamily CPU_WAITING = MetricFamily.counter("node_pressure_cpu_waiting_seconds_total",
            "Total time in seconds that processes have waited for CPU time");
    static final MetricFamily IO_WAITING = MetricFamily.counter("node_pressure_io_waiting_seconds_total",
            "Total time in seconds that processes have waited due to IO congestion");
    static final MetricFamily IO_STALLED = MetricFamily.counter("node_pressure_io_stalled_seconds_total",
            "Total time in seconds no process could make progress due to IO congestion");
    static final MetricFamily MEMORY_WAITING = MetricFamily.counter("node_pressure_memory_waiting_seconds_total",
            "Total time in seconds that processes have waited for memory");
    static final MetricFamily MEMORY_STALLED = MetricFamily.counter("node_pressure_memory_stalled_seconds_total",
            "Total time in seconds no process could make progress due to memory congestion");
    static final MetricFamily IRQ_STALLED = MetricFamily.counter("node_pressure_irq_stalled_seconds_total",
            "Total time in seconds no process could make progress due to IRQ congestion");

    private final PseudoFile cpu;
    private final PseudoFile io;
    private final PseudoFile memory;
    private final PseudoFile irq;
    private final ParseErrors errors;
    private final PressureParser parser = new PressureParser();
    private final PressureStall stall = new PressureStall();

    PressureCollector(PseudoFile cpu, PseudoFile io, PseudoFile memory, PseudoFile irq, ParseErrors errors) {
        this.cpu = cpu;
        this.io = io;
        this.memory = memory;
        this.irq = irq;
        this.errors = errors;
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        read(cpu);
        write(sink, CPU_WAITING, stall.hasSome, stall.someTotalMicros);
        read(io);
        write(sink, IO_WAITING, stall.hasSome, stall.someTotalMicros);
        write(sink, IO_STALLED, stall.hasFull, stall.fullTotalMicros);
        read(memory);
        write(sink, MEMORY_WAITING, stall.hasSome, stall.someTotalMicros);
        write(sink, MEMORY_STALLED, stall.hasFull, stall.fullTotalMicros);
        if (irq != null) {
            read(irq);
            write(sink, IRQ_STALLED, stall.hasFull, stall.fullTotalMicros);
        }
    }

    private void read(PseudoFile file) throws java.io.IOException {
        int n = file.read();
        parser.parse(file.name(), file.bytes(), n, stall, errors);
    }

    private static void write(MetricSink sink, MetricFamily family, boolean present, long micros) {
        if (present) {
            sink.family(family);
            // node_exporter divides twice; the golden's 14.036781000000001 depends on it
            sink.sample(micros / 1000.0 / 1000.0);
        }
    }

    @Override
    public void close() {
        cpu.close();
        io.close();
        memory.close();
        if (irq != null) {
            irq.close();
        }
    }

    /** Registered in META-INF/services. */
    public static final class Factory implements CollectorFactory {
        static final String NO_PSI = "kernel without PSI: needs 4.20+ with CONFIG_PSI, and psi=1 on the kernel"
                + " command line when CONFIG_PSI_DEFAULT_DISABLED";

        @Override
        public String name() {
            return "pressure";
        }

        @Override
        public String description() {
            return "Pressure stall (PSI) totals for CPU, memory, IO and IRQ from /proc/pressure.";
        }

        @Override
        public Collector create(CollectorContext ctx) throws CollectorUnavailableException {
            Path cpu = ctx.requireFile(ctx.paths().proc("pressure/cpu"), NO_PSI);
            Path io = ctx.requireFile(ctx.paths().proc("pressure/io"), NO_PSI);
            Path memory = ctx.requireFile(ctx.paths().proc("pressure/memory"), NO_PSI);
            Path irq = ctx.paths().proc("pressure/irq");
            return new PressureCollector(new PseudoFile(cpu, 256), new PseudoFile(io, 256),
                    new PseudoFile(memory, 256),
                    Files.exists(irq) ? new PseudoFile(irq, 256) : null, ctx.errors());
        }
    }
}
