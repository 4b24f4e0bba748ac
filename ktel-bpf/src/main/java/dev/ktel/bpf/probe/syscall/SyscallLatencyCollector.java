package dev.ktel.bpf.probe.syscall;

import dev.ktel.bpf.BpfSupport;
import dev.ktel.bpf.ProbeHealth;
import dev.ktel.bpf.ProbeRegistry;
import dev.ktel.bpf.libbpf.BpfException;
import dev.ktel.bpf.libbpf.BpfObject;
import dev.ktel.bpf.libbpf.BpfProgram;
import dev.ktel.bpf.libbpf.Libbpf;
import dev.ktel.bpf.probe.Exp2Histogram;
import dev.ktel.collectors.Collector;
import dev.ktel.collectors.CollectorContext;
import dev.ktel.collectors.CollectorFactory;
import dev.ktel.collectors.CollectorOption;
import dev.ktel.collectors.CollectorUnavailableException;
import dev.ktel.core.metric.MetricFamily;
import dev.ktel.core.metric.MetricSink;
import dev.ktel.bpf.probe.cgroup.CgroupHierarchy;
import dev.ktel.bpf.probe.cgroup.CgroupSlots;
import dev.ktel.collectors.cgroup.CorrelationKeyResolver;
import dev.ktel.core.event.CorrelationKey;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ktel_syscall_latency_seconds{group}}: system call latency (sys_enter to sys_exit of the same task)
 * as a classic histogram with power-of-two bounds from 256 ns to ~34 s, by syscall group
 * ({@link SyscallGroups}), from the eBPF probe {@link SyscallLatencyProbe}. Plus the probe's self-metrics.
 */
public final class SyscallLatencyCollector implements Collector, ProbeHealth {
    static final String PROBE = "syscall_latency";
    /** Exported bounds: 2^8 ns (256 ns) .. 2^35 ns (~34 s); below folds into the first, above into +Inf. */
    static final int MIN_SLOT = 8;
    static final int MAX_SLOT = 35;

    static final MetricFamily LATENCY = MetricFamily.histogram("ktel_syscall_latency_seconds",
            "System call latency, sys_enter to sys_exit of the same task, by syscall group and cgroup (eBPF;"
                    + " cgroup \"other\": cgroups beyond the configured number).",
            "group", "cgroup", "container_id", "pod", "namespace", "container");
    /** Rescan the cgroup hierarchy for new cgroups at most this often. */
    static final long CGROUP_REFRESH_NANOS = 30_000_000_000L;
    /** Stream name of this probe in {@code ktel_sampling_ratio{stream}} (written by the edge pipeline). */
    static final String SAMPLING_STREAM = "ebpf_syscall";
    static final MetricFamily ATTACHED = MetricFamily.gauge("ktel_bpf_program_attached",
            "1 when all of the probe's BPF programs are loaded and attached.", "probe");
    static final MetricFamily ERRORS = MetricFamily.counter("ktel_bpf_probe_errors_total",
            "BPF program load/attach failures and map read errors of the probe.", "probe");
    static final MetricFamily RUN_SECONDS = MetricFamily.counter("ktel_bpf_program_run_seconds_total",
            "Time spent running the BPF program, from the kernel's BPF stats (only while stats are on).",
            "probe", "program");
    static final MetricFamily RUNS = MetricFamily.counter("ktel_bpf_program_runs_total",
            "Runs of the BPF program, from the kernel's BPF stats (only while stats are on).", "probe", "program");

    private static final Logger LOG = LoggerFactory.getLogger(SyscallLatencyCollector.class);

    private final SyscallLatencyProbe probe;
    private final AutoCloseable runStats;
    private final Exp2Histogram hist = new Exp2Histogram(MIN_SLOT, MAX_SLOT, 1e-9);
    private final long[] slots = new long[SyscallLatencyProbe.SLOTS];
    private final CgroupSlots cgroups;
    private final List<String[][]> labelsOfSlot = new ArrayList<>();
    private long lastRefresh;
    private final String[] programNames;
    private final long[] stats = new long[2];
    private long errors;
    private long readErrors;
    private long cgroupErrors;
    private int batchWarned;
    private final AutoCloseable samplingRatio;

    /** {@code cgroups}: null when there is no cgroup dimension (everything under cgroup="other"). */
    SyscallLatencyCollector(SyscallLatencyProbe probe, AutoCloseable runStats, CgroupSlots cgroups) {
        this.probe = probe;
        this.runStats = runStats;
        this.cgroups = cgroups;
        this.errors = probe.failures().size();
        // counts and sums are already scaled by the inverse; the ratio says how many syscalls one timing stands for
        double ratio = 1.0 / probe.sampleEvery();
        this.samplingRatio = dev.ktel.core.metric.SamplingRatios.register(SAMPLING_STREAM, () -> ratio);
        labelsOfSlot.add(labels(CorrelationKey.ofCgroup(CgroupSlots.OTHER)));
        refreshCgroups();
        List<BpfProgram> progs = probe.programs();
        this.programNames = new String[progs.size()];
        for (int i = 0; i < programNames.length; i++) {
            programNames[i] = progs.get(i).name();
        }
        ProbeRegistry.register(this);
    }

    private static String[][] labels(CorrelationKey k) {
        String[][] l = new String[SyscallGroups.NAMES.size()][];
        for (int g = 0; g < l.length; g++) {
            l[g] = new String[] {SyscallGroups.NAMES.get(g), k.cgroup(), nz(k.containerId()), nz(k.podName()),
                nz(k.namespace()), nz(k.containerName())};
        }
        return l;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** New cgroups get slots (bounded); a failure is counted and the known slots keep working. */
    private void refreshCgroups() {
        if (cgroups == null) {
            return;
        }
        lastRefresh = System.nanoTime();
        try {
            probe.assignCgroups(cgroups.refresh());
        } catch (IOException | BpfException | RuntimeException e) {
            errors++;
            cgroupErrors++;
            LOG.warn("syscall latency probe: cgroup slots not refreshed: {}", e.getMessage());
        }
        while (labelsOfSlot.size() < cgroups.size()) {
            labelsOfSlot.add(labels(cgroups.key(labelsOfSlot.size())));
        }
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        if (cgroups != null && System.nanoTime() - lastRefresh > CGROUP_REFRESH_NANOS) {
            refreshCgroups();
        }
        sink.family(LATENCY);
        try {
            probe.snapshot(labelsOfSlot.size());
        } catch (BpfException e) {
            // older kernels without batch ops on this map: the reads below look up entry by entry
            if (batchWarned++ == 0) {
                LOG.info("syscall latency probe: batch map reads unavailable ({}), reading entry by entry",
                        e.getMessage());
            }
        }
        try {
            for (int c = 0; c < labelsOfSlot.size(); c++) {
                collectSlot(sink, c);
            }
        } finally {
            probe.endSnapshot();
        }
        collectSelf(sink);
    }

    /** Slot 0 (other) always has every group; a named cgroup only the groups it has seen. */
    private void collectSlot(MetricSink sink, int cslot) {
        String[][] groupLabels = labelsOfSlot.get(cslot);
        for (int g = 0; g < groupLabels.length; g++) {
            long sumNs;
            try {
                sumNs = probe.read(cslot, g, slots);
            } catch (BpfException e) {
                errors++;
                readErrors++;
                if (readErrors == 1) {
                    LOG.warn("syscall latency probe: {}", e.getMessage());
                }
                continue;
            }
            int every = probe.sampleEvery();
            if (every != 1) {
                for (int s = 0; s < SyscallLatencyProbe.SLOTS; s++) {
                    slots[s] *= every;
                }
                sumNs *= every;
            }
            hist.fill(slots, SyscallLatencyProbe.SLOTS);
            if (cslot != 0 && hist.count() == 0) {
                continue;
            }
            sink.histogram(groupLabels[g], hist.bounds(), hist.cumulative(), hist.count(), sumNs * 1e-9);
        }
    }

    private void collectSelf(MetricSink sink) throws BpfException {
        sink.family(ATTACHED);
        sink.sample(PROBE, probe.attached() ? 1 : 0);
        sink.family(ERRORS);
        sink.sample(PROBE, errors);
        if (runStats != null) {
            List<BpfProgram> progs = probe.programs();
            long[][] all = new long[progs.size()][];
            for (int i = 0; i < all.length; i++) {
                progs.get(i).runStats(stats);
                all[i] = stats.clone();
            }
            sink.family(RUN_SECONDS);
            for (int i = 0; i < all.length; i++) {
                sink.sample(PROBE, programNames[i], all[i][0] * 1e-9);
            }
            sink.family(RUNS);
            for (int i = 0; i < all.length; i++) {
                sink.sample(PROBE, programNames[i], all[i][1]);
            }
        }
    }

    /** Load/attach failures (program, stage, message, verifier log excerpt), for doctor. */
    @Override
    public List<BpfObject.ProgramFailure> failures() {
        return probe.failures();
    }

    @Override
    public boolean attached() {
        return probe.attached();
    }

    @Override
    public String probe() {
        return PROBE;
    }

    @Override
    public long errors(String stage) {
        return switch (stage) {
            case "read" -> readErrors;
            case "cgroup" -> cgroupErrors;
            default -> ProbeHealth.super.errors(stage);
        };
    }

    @Override
    public List<MapUsage> maps() {
        try {
            return probe.mapUsage().stream().map(m -> new MapUsage(m.map(), m.entries(), m.maxEntries())).toList();
        } catch (BpfException e) {
            readErrors++;
            return List.of();
        }
    }

    @Override
    public String summary() {
        return "hook " + probe.hook().option + ", 1 syscall in " + probe.sampleEvery() + " timed, cgroup dimension "
                + (cgroups == null ? "off" : "on (" + (cgroups.size() - 1) + " cgroups with their own series)");
    }

    SyscallLatencyProbe kernelProbe() {
        return probe;
    }

    @Override
    public void close() {
        ProbeRegistry.unregister(this);
        try {
            samplingRatio.close();
        } catch (Exception ignored) {
            // a map removal cannot fail
        }
        probe.close();
        if (runStats != null) {
            try {
                runStats.close();
            } catch (Exception ignored) {
                // fd close
            }
        }
    }

    /** Registered in META-INF/services. */
    public static final class Factory implements CollectorFactory {
        static final String HOOK = "hook";
        static final String RUN_STATS = "run-stats";
        static final String SAMPLE_EVERY = "sample-every";
        static final int DEFAULT_SAMPLE_EVERY = 8;
        static final String CGROUP = "cgroup";
        static final String CGROUPS = "cgroups";
        static final int DEFAULT_CGROUPS = 16;

        @Override
        public String name() {
            return "ebpf_syscall";
        }

        /**
         * On: timing one syscall in 8 from a per-CPU slot costs 1.45x the empty programs' dispatch cost and
         * 0.15x bpftrace's one-liner (ktel-bpf/README.md, "Cost").
         */
        @Override
        public boolean enabledByDefault() {
            return true;
        }

        @Override
        public String description() {
            return "System call latency histogram by syscall group (eBPF raw tracepoints sys_enter/sys_exit).";
        }

        @Override
        public List<CollectorOption> options() {
            return List.of(
                    new CollectorOption(HOOK, SyscallLatencyProbe.Hook.DEFAULT.option,
                            "Programs to use: raw_tp-pcpu, raw_tp-task, tp_btf-task or raw_tp-hash (others are tried if it fails)."),
                    new CollectorOption(SAMPLE_EVERY, Integer.toString(DEFAULT_SAMPLE_EVERY),
                            "Time one syscall in this many (power of two; hook raw_tp-pcpu only): reading the clock is"
                                    + " most of the probe's cost. Counts are scaled; 1 times every syscall."),
                    new CollectorOption(CGROUP, "auto",
                            "Cgroup dimension from: auto (v1 memory, else v1 cpu, else v2), none, v2, v1-memory, v1-cpu"
                                    + " (hook raw_tp-pcpu only)."),
                    new CollectorOption(CGROUPS, Integer.toString(DEFAULT_CGROUPS),
                            "Cgroups with their own series (first come, the root first); the rest are cgroup=\"other\"."),
                    new CollectorOption(RUN_STATS, "false",
                            "Turn on the kernel's BPF run-time stats and export per-program run count and time."));
        }

        @Override
        public Collector create(CollectorContext ctx) throws CollectorUnavailableException {
            SyscallLatencyProbe.Hook hook;
            try {
                hook = SyscallLatencyProbe.Hook.of(ctx.option(HOOK, SyscallLatencyProbe.Hook.DEFAULT.option));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("collector." + name() + "." + HOOK + ": " + e.getMessage());
            }
            boolean runStats = ctx.booleanOption(RUN_STATS, false);
            String every = ctx.option(SAMPLE_EVERY, Integer.toString(DEFAULT_SAMPLE_EVERY));
            int sampleEvery;
            try {
                sampleEvery = Integer.parseInt(every);
            } catch (NumberFormatException e) {
                sampleEvery = -1;
            }
            if (sampleEvery < 1 || Integer.bitCount(sampleEvery) != 1) {
                throw new IllegalArgumentException("collector." + name() + "." + SAMPLE_EVERY
                        + ": expected a power of two >= 1, got \"" + every + "\"");
            }
            if (!ctx.paths().isLiveHost()) {
                throw new CollectorUnavailableException("eBPF probes need the live host (paths point at a fixture tree)");
            }
            CgroupHierarchy hierarchy;
            int maxCgroups;
            try {
                hierarchy = CgroupHierarchy.choose(ctx.option(CGROUP, "auto"), ctx.paths());
                maxCgroups = Integer.parseInt(ctx.option(CGROUPS, Integer.toString(DEFAULT_CGROUPS)));
                if (maxCgroups < 1 || maxCgroups > SyscallLatencyProbe.CGROUP_SLOTS - 2) {
                    throw new IllegalArgumentException("out of range 1.." + (SyscallLatencyProbe.CGROUP_SLOTS - 2));
                }
            } catch (IOException | IllegalArgumentException e) {
                throw new IllegalArgumentException("collector." + name() + "." + CGROUP + "/" + CGROUPS + ": " + e.getMessage());
            }
            return create(ctx, hook, runStats, sampleEvery, hierarchy, maxCgroups, Path.of("/sys/kernel/btf/vmlinux"),
                    Path.of("/proc/self/status"), SyscallLatencyCollector.class.getClassLoader());
        }

        /** {@code loader}: where bpf/syscall_latency.bpf.o is looked up (tests change it). */
        static Collector create(CollectorContext ctx, SyscallLatencyProbe.Hook hook, boolean runStats, int sampleEvery,
                Path btf, Path status, ClassLoader loader) throws CollectorUnavailableException {
            return create(ctx, hook, runStats, sampleEvery, CgroupHierarchy.NONE, 0, btf, status, loader);
        }

        static Collector create(CollectorContext ctx, SyscallLatencyProbe.Hook hook, boolean runStats, int sampleEvery,
                CgroupHierarchy hierarchy, int maxCgroups, Path btf, Path status, ClassLoader loader) throws CollectorUnavailableException {
            if (!ctx.paths().isLiveHost()) {
                throw new CollectorUnavailableException("eBPF probes need the live host (paths point at a fixture tree)");
            }
            byte[] elf;
            try {
                elf = BpfSupport.object(loader, SyscallLatencyProbe.OBJECT);
            } catch (BpfSupport.BpfUnavailableException e) {
                throw new CollectorUnavailableException(e.getMessage());
            }
            String why = BpfSupport.hostUnavailableReason(btf, status);
            if (why != null) {
                throw new CollectorUnavailableException(why);
            }
            AutoCloseable stats = null;
            try {
                if (runStats) {
                    stats = Libbpf.enableRunStats();
                }
                SyscallLatencyProbe probe = SyscallLatencyProbe.attach(elf, SyscallGroups.x86_64(), hook, sampleEvery, hierarchy.code());
                CgroupSlots slots = hierarchy.root() == null || probe.hook() != SyscallLatencyProbe.Hook.RAW_TP_PCPU ? null
                        : new CgroupSlots(hierarchy.root(), maxCgroups + 1, new CorrelationKeyResolver());
                return new SyscallLatencyCollector(probe, stats, slots);
            } catch (BpfException e) {
                closeQuietly(stats);
                throw new CollectorUnavailableException("syscall latency probe failed to load: " + e.getMessage());
            }
        }

        private static void closeQuietly(AutoCloseable c) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // fd close
                }
            }
        }
    }
}
