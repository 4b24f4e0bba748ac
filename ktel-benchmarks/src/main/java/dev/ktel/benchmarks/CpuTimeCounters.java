package dev.ktel.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Thread CPU time per operation as a JMH secondary result ({@code cpuNanosPerOp}). On a shared, loaded machine
 * wall time per operation includes the time the thread waited for a core; CPU time does not, so ratios between
 * benchmarks stay meaningful. Costs one clock_gettime per operation on each side.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class CpuTimeCounters {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private long cpuNanos;
    private long ops;

    @Setup(Level.Iteration)
    public void reset() {
        cpuNanos = 0;
        ops = 0;
    }

    /** The JMH-reported counter: mean CPU nanoseconds of the measured operations in this iteration. */
    public double cpuNanosPerOp() {
        return ops == 0 ? 0 : (double) cpuNanos / ops;
    }

    static long now() {
        return THREADS.getCurrentThreadCpuTime();
    }

    void add(long startCpu) {
        cpuNanos += now() - startCpu;
        ops++;
    }
}
