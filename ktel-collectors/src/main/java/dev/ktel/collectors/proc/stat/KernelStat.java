package dev.ktel.collectors.proc.stat;

/** The system-wide counters of /proc/stat. Mutable holder reused between scrapes; -1 means "line absent". */
public final class KernelStat {
    /** Softirq vectors in the kernel's order (enum in include/linux/interrupt.h), node_exporter's labels. */
    public static final String[] SOFTIRQ_VECTORS = {"hi", "timer", "net_tx", "net_rx", "block", "block_iopoll",
        "tasklet", "sched", "hrtimer", "rcu"};

    public long intr = -1;
    public long contextSwitches = -1;
    public long bootTime = -1;
    public long forks = -1;
    public long procsRunning = -1;
    public long procsBlocked = -1;
    public long softirqTotal = -1;
    /** Per-vector softirq counts; the first {@link #softirqVectors} are valid. */
    public final long[] softirq = new long[SOFTIRQ_VECTORS.length];
    public int softirqVectors;

    void clear() {
        intr = -1;
        contextSwitches = -1;
        bootTime = -1;
        forks = -1;
        procsRunning = -1;
        procsBlocked = -1;
        softirqTotal = -1;
        softirqVectors = 0;
    }
}
