package dev.ktel.collectors.proc.schedstat;

import java.util.Arrays;

/** The per-CPU lines of /proc/schedstat. Mutable holder reused between scrapes. */
public final class Schedstat {
    public int version;
    public int count;
    /** CPU numbers as label values. */
    public String[] cpu = new String[8];
    /** Time spent running tasks, ns (sum of se.sum_exec_runtime). */
    public long[] runningNanos = new long[8];
    /** Time tasks spent waiting on the run queue, ns. */
    public long[] waitingNanos = new long[8];
    /** Number of timeslices run. */
    public long[] timeslices = new long[8];

    void ensure(int n) {
        if (n > cpu.length) {
            int cap = Math.max(n, cpu.length * 2);
            cpu = Arrays.copyOf(cpu, cap);
            runningNanos = Arrays.copyOf(runningNanos, cap);
            waitingNanos = Arrays.copyOf(waitingNanos, cap);
            timeslices = Arrays.copyOf(timeslices, cap);
        }
    }
}
