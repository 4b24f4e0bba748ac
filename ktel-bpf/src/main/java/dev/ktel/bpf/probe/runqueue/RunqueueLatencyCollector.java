package dev.ktel.bpf.probe.runqueue;

import dev.ktel.bpf.BpfSupport;
import dev.ktel.bpf.ProbeHealth;
import dev.ktel.bpf.ProbeRegistry;
import dev.ktel.bpf.libbpf.BpfException;
import dev.ktel.bpf.libbpf.BpfLink;
import dev.ktel.bpf.libbpf.BpfMap;
import dev.ktel.bpf.libbpf.BpfObject;
import dev.ktel.bpf.probe.Exp2Histogram;
import dev.ktel.bpf.probe.cgroup.CgroupHierarchy;
import dev.ktel.bpf.probe.cgroup.CgroupSlots;
import dev.ktel.collectors.Collector;
import dev.ktel.collectors.CollectorContext;
import dev.ktel.collectors.CollectorFactory;
import dev.ktel.collectors.CollectorOption;
import dev.ktel.collectors.CollectorUnavailableException;
import dev.ktel.collectors.cgroup.CorrelationKeyResolver;
import dev.ktel.core.event.CorrelationKey;
import dev.ktel.core.metric.MetricFamily;
import dev.ktel.core.metric.MetricSink;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ktel_runqueue_latency_seconds{cgroup,...}}: how long tasks wait runnable before they run (wakeup or
 * preemption to sched_switch), by cgroup, from {@code runqueue_latency.bpf.o} (tp_btf sched_wakeup,
 * sched_wakeup_new, sched_switch). Cgroup slots as in the syscall probe ({@link CgroupSlots}).
 */
public final class RunqueueLatencyCollector implements Collector, ProbeHealth {
    static final String PROBE = "runqueue_latency";
    static final String OBJECT = "runqueue_latency";
    /** KTEL_RQ_SLOTS and KTEL_RQ_CGROUP_SLOTS in runqueue_latency.h. */
    static final int SLOTS = 40;
    static final int CGROUP_SLOTS = 64;
    static final int MIN_SLOT = 8;
    static final int MAX_SLOT = 35;
    static final long CGROUP_REFRESH_NANOS = 30_000_000_000L;

    static final MetricFamily LATENCY = MetricFamily.histogram("ktel_runqueue_latency_seconds",
            "Time tasks wait runnable before running (wakeup or preemption to sched_switch), by cgroup (eBPF).",
            "cgroup", "container_id", "pod", "namespace", "container");

    private static final Logger LOG = LoggerFactory.getLogger(RunqueueLatencyCollector.class);

    private final BpfObject object;
    private final List<BpfLink> links;
    private final BpfMap hist;
    private final BpfMap slotMap;
    private final CgroupSlots cgroups;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment key;
    private final MemorySegment value;
    private final int cpus = BpfMap.possibleCpus();
    private final Exp2Histogram exp2 = new Exp2Histogram(MIN_SLOT, MAX_SLOT, 1e-9);
    private final long[] slots = new long[SLOTS];
    private final List<String[]> labelsOfSlot = new ArrayList<>();
    private long lastRefresh;
    private long readErrors;
    private long cgroupErrors;

    RunqueueLatencyCollector(BpfObject object, List<BpfLink> links, CgroupSlots cgroups) {
        this.object = object;
        this.links = links;
        this.cgroups = cgroups;
        this.hist = object.map("runqueue_latency_seconds");
        this.slotMap = object.map("cgroup_slot");
        this.key = arena.allocate(8, 8);
        this.value = arena.allocate(hist.valueBufferSize(), 8);
        labelsOfSlot.add(labels(CorrelationKey.ofCgroup(CgroupSlots.OTHER)));
        refreshCgroups();
        ProbeRegistry.register(this);
    }

    private static String[] labels(CorrelationKey k) {
        return new String[] {k.cgroup(), nz(k.containerId()), nz(k.podName()), nz(k.namespace()), nz(k.containerName())};
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private void refreshCgroups() {
        if (cgroups == null) {
            return;
        }
        lastRefresh = System.nanoTime();
        try {
            for (CgroupSlots.Assignment a : cgroups.refresh()) {
                key.set(ValueLayout.JAVA_LONG, 0, a.kernfsId());
                value.set(ValueLayout.JAVA_LONG, 0, a.slot());
                slotMap.update(key, value, BpfMap.BPF_ANY);
            }
        } catch (IOException | BpfException | RuntimeException e) {
            cgroupErrors++;
            LOG.warn("runqueue latency probe: cgroup slots not refreshed: {}", e.getMessage());
        }
        while (labelsOfSlot.size() < cgroups.size()) {
            labelsOfSlot.add(labels(cgroups.key(labelsOfSlot.size())));
        }
    }

    @Override
    public synchronized void collect(MetricSink sink) {
        if (cgroups != null && System.nanoTime() - lastRefresh > CGROUP_REFRESH_NANOS) {
            refreshCgroups();
        }
        sink.family(LATENCY);
        for (int c = 0; c < labelsOfSlot.size(); c++) {
            long sumNs;
            try {
                sumNs = read(c);
            } catch (BpfException e) {
                if (readErrors++ == 0) {
                    LOG.warn("runqueue latency probe: {}", e.getMessage());
                }
                continue;
            }
            exp2.fill(slots, SLOTS);
            if (c != 0 && exp2.count() == 0) {
                continue;
            }
            sink.histogram(labelsOfSlot.get(c), exp2.bounds(), exp2.cumulative(), exp2.count(), sumNs * 1e-9);
        }
    }

    private long read(int cgroupSlot) throws BpfException {
        key.set(ValueLayout.JAVA_INT, 0, cgroupSlot);
        Arrays.fill(slots, 0L);
        if (!hist.lookup(key, value)) {
            return 0;
        }
        long sum = 0;
        int stride = hist.valueStride();
        for (int cpu = 0; cpu < cpus; cpu++) {
            long base = (long) cpu * stride;
            for (int s = 0; s < SLOTS; s++) {
                slots[s] += value.get(ValueLayout.JAVA_LONG, base + s * 8L);
            }
            sum += value.get(ValueLayout.JAVA_LONG, base + SLOTS * 8L);
        }
        return sum;
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
    public boolean attached() {
        return links.size() == 3 && links.stream().allMatch(BpfLink::isOpen);
    }

    @Override
    public List<BpfObject.ProgramFailure> failures() {
        return object.failures();
    }

    @Override
    public String summary() {
        return links.size() + " of 3 programs attached, cgroup dimension "
                + (cgroups == null ? "off" : "on (" + (cgroups.size() - 1) + " cgroups with their own series)");
    }

    @Override
    public synchronized void close() {
        ProbeRegistry.unregister(this);
        object.close();
        arena.close();
    }

    /** Registered in META-INF/services. */
    public static final class Factory implements CollectorFactory {
        static final String CGROUP = "cgroup";
        static final String CGROUPS = "cgroups";

        @Override
        public String name() {
            return "ebpf_runqueue";
        }

        /** Off until its cost per context switch is measured (ktel-bpf/README.md). */
        @Override
        public boolean enabledByDefault() {
            return false;
        }

        @Override
        public String description() {
            return "Run queue latency histogram by cgroup (eBPF tp_btf sched_wakeup, sched_wakeup_new, sched_switch).";
        }

        @Override
        public List<CollectorOption> options() {
            return List.of(
                    new CollectorOption(CGROUP, "auto", "Cgroup dimension from: auto (v1 memory, else v1 cpu, else v2), none, v2, v1-memory, v1-cpu."),
                    new CollectorOption(CGROUPS, "16", "Cgroups with their own series (first come, the root first); the rest are cgroup=\"other\"."));
        }

        @Override
        public Collector create(CollectorContext ctx) throws CollectorUnavailableException {
            if (!ctx.paths().isLiveHost()) {
                throw new CollectorUnavailableException("eBPF probes need the live host (paths point at a fixture tree)");
            }
            CgroupHierarchy h;
            int max;
            try {
                h = CgroupHierarchy.choose(ctx.option(CGROUP, "auto"), ctx.paths());
                max = Integer.parseInt(ctx.option(CGROUPS, "16"));
                if (max < 1 || max > CGROUP_SLOTS - 2) {
                    throw new IllegalArgumentException("out of range 1.." + (CGROUP_SLOTS - 2));
                }
            } catch (IOException | IllegalArgumentException e) {
                throw new IllegalArgumentException("collector." + name() + "." + CGROUP + "/" + CGROUPS + ": " + e.getMessage());
            }
            return create(ctx, h, max, Path.of("/sys/kernel/btf/vmlinux"), Path.of("/proc/self/status"),
                    RunqueueLatencyCollector.class.getClassLoader());
        }

        static Collector create(CollectorContext ctx, CgroupHierarchy h, int maxCgroups, Path btf, Path status,
                ClassLoader loader) throws CollectorUnavailableException {
            if (!ctx.paths().isLiveHost()) {
                throw new CollectorUnavailableException("eBPF probes need the live host (paths point at a fixture tree)");
            }
            byte[] elf;
            try {
                elf = BpfSupport.object(loader, OBJECT);
            } catch (BpfSupport.BpfUnavailableException e) {
                throw new CollectorUnavailableException(e.getMessage());
            }
            String why = BpfSupport.hostUnavailableReason(btf, status);
            if (why != null) {
                throw new CollectorUnavailableException(why);
            }
            BpfObject o = null;
            try {
                // struct runqueue_cfg { u32 cgroup_mode; } is all of .rodata
                o = BpfObject.open(OBJECT, elf, obj -> obj.map(".rodata").initialValue().set(ValueLayout.JAVA_INT, 0, h.code()));
                o.load();
                List<BpfLink> links = o.attachAll();
                if (links.isEmpty()) {
                    String f = o.failures().toString();
                    o.close();
                    throw new CollectorUnavailableException("runqueue latency probe: no program attached: " + f);
                }
                CgroupSlots slots = h.root() == null ? null : new CgroupSlots(h.root(), maxCgroups + 1, new CorrelationKeyResolver());
                return new RunqueueLatencyCollector(o, links, slots);
            } catch (BpfException e) {
                if (o != null) {
                    o.close();
                }
                throw new CollectorUnavailableException("runqueue latency probe failed to load: " + e.getMessage());
            }
        }
    }
}
