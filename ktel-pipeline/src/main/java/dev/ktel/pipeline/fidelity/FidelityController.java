package dev.ktel.pipeline.fidelity;

import dev.ktel.core.metric.MetricFamily;
import dev.ktel.core.metric.MetricSink;
import java.io.IOException;
import java.util.function.LongSupplier;

/**
 * Keeps the agent under its CPU budget by shedding fidelity in a fixed order ({@link ShedAction}) and giving
 * it back when there is headroom. Call {@link #evaluate()} once per window: it measures the agent's CPU use
 * over the window (CPU time / wall time, in cores); over budget raises the level by one, below
 * {@code restoreBelow × budget} for {@code restoreAfter} windows in a row lowers it by one, anything in
 * between holds it (hysteresis, so the level does not flap around the budget). The first window after start
 * only sets the baseline (JIT warm-up is not the steady state). Levels are 0 (full fidelity) to 3.
 */
public final class FidelityController {
    public static final int MAX_LEVEL = ShedAction.values().length;

    static final MetricFamily LEVEL = MetricFamily.gauge("ktel_fidelity_level",
            "Adaptive fidelity level: 0 = full; each level sheds one more action (see ktel_fidelity_shed).");
    static final MetricFamily SHED = MetricFamily.gauge("ktel_fidelity_shed",
            "Whether a fidelity action is currently shed to keep the agent under its CPU budget (1) or not (0).",
            "action");
    static final MetricFamily USAGE = MetricFamily.gauge("ktel_fidelity_cpu_usage_cores",
            "Agent CPU usage over the last fidelity window, in cores.");
    static final MetricFamily BUDGET = MetricFamily.gauge("ktel_fidelity_cpu_budget_cores",
            "Agent CPU budget of adaptive fidelity, in cores.");
    static final MetricFamily ERRORS = MetricFamily.counter("ktel_fidelity_measure_errors_total",
            "Failed reads of the agent's own CPU time (the level is then held).");

    private final FidelitySettings settings;
    private final CpuTimeSource cpu;
    private final LongSupplier wallNanos;
    private volatile int level;
    private volatile double lastUsage = Double.NaN;
    private long lastCpu = -1;
    private long lastWall;
    private int calmWindows;
    private long errors;

    public FidelityController(FidelitySettings settings, CpuTimeSource cpu, LongSupplier wallNanos) {
        this.settings = settings;
        this.cpu = cpu;
        this.wallNanos = wallNanos;
    }

    public FidelitySettings settings() {
        return settings;
    }

    /** Measures the last window and moves the level by at most one step; returns the new level. */
    public synchronized int evaluate() {
        long c;
        try {
            c = cpu.cpuNanos();
        } catch (IOException | RuntimeException e) {
            errors++;
            return level;
        }
        long w = wallNanos.getAsLong();
        if (lastCpu < 0 || w <= lastWall) {
            lastCpu = c;
            lastWall = w;
            return level;
        }
        double usage = (double) (c - lastCpu) / (w - lastWall);
        lastCpu = c;
        lastWall = w;
        lastUsage = usage;
        if (usage > settings.cpuBudget()) {
            calmWindows = 0;
            level = Math.min(MAX_LEVEL, level + 1);
        } else if (usage < settings.cpuBudget() * settings.restoreBelow()) {
            if (++calmWindows >= settings.restoreAfter() && level > 0) {
                level--;
                calmWindows = 0;
            }
        } else {
            calmWindows = 0;
        }
        return level;
    }

    public int level() {
        return level;
    }

    public boolean isShed(ShedAction a) {
        return level >= a.level();
    }

    /** Collections between two runs of a low-priority collector (1 = every collection). */
    public int intervalMultiplier(String collector) {
        return isShed(ShedAction.COLLECTOR_INTERVAL) && settings.lowPriority().contains(collector)
                ? settings.intervalMultiplier() : 1;
    }

    public boolean coarsenHistograms() {
        return isShed(ShedAction.HISTOGRAM_BUCKETS);
    }

    /** Multiplier on the keep ratio of sampled event streams (1 = as configured). */
    public double samplingFactor() {
        return isShed(ShedAction.EVENT_SAMPLING) ? settings.samplingFactor() : 1.0;
    }

    public void writeMetrics(MetricSink sink) {
        int l = level;
        sink.family(LEVEL);
        sink.sample(l);
        sink.family(SHED);
        for (ShedAction a : ShedAction.values()) {
            sink.sample(a.label(), l >= a.level() ? 1 : 0);
        }
        double u = lastUsage;
        if (!Double.isNaN(u)) {
            sink.family(USAGE);
            sink.sample(u);
        }
        sink.family(BUDGET);
        sink.sample(settings.cpuBudget());
        sink.family(ERRORS);
        synchronized (this) {
            sink.sample(errors);
        }
    }
}
