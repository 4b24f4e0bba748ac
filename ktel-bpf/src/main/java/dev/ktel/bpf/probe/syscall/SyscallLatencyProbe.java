package dev.ktel.bpf.probe.syscall;

import dev.ktel.bpf.BpfSupport;
import dev.ktel.bpf.libbpf.BpfException;
import dev.ktel.bpf.libbpf.BpfLink;
import dev.ktel.bpf.libbpf.BpfMap;
import dev.ktel.bpf.libbpf.BpfObject;
import dev.ktel.bpf.libbpf.BpfProgram;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kernel side of {@code ktel_syscall_latency_seconds}: loads {@code syscall_latency.bpf.o} with one
 * enter/exit program pair ({@link Hook}), fills the syscall → group map and attaches. {@link #read} sums a
 * group's per-CPU histogram. If the preferred hook cannot be loaded or attached (older kernel), the next
 * one is tried; the choice is logged once and failures are kept for doctor and self-metrics.
 */
public final class SyscallLatencyProbe implements AutoCloseable {
    /** KTEL_SYSCALL_SLOTS and KTEL_SYSCALL_GROUPS in syscall_latency.h; value = slots[SLOTS] + sum_ns. */
    public static final int SLOTS = 40;
    public static final int GROUPS = 16;
    static final int VALUE_SIZE = (SLOTS + 1) * 8;
    static final String OBJECT = "syscall_latency";
    static final String HIST_MAP = "syscall_latency_seconds";
    static final String GROUP_MAP = "syscall_group";
    static final String CGROUP_SLOT_MAP = "cgroup_slot";
    static final String CGROUP_GEN_MAP = "cgroup_slot_gen";
    /** KTEL_CGROUP_SLOTS: slot 0 is "other"; only hook raw_tp-pcpu fills slots other than 0. */
    public static final int CGROUP_SLOTS = 64;

    /** Which programs: the hook type and where the start time per task is kept. */
    public enum Hook {
        RAW_TP_PCPU("raw_tp-pcpu", "enter_raw_pcpu", "exit_raw_pcpu", "switch_btf_pcpu"),
        RAW_TP_TASK("raw_tp-task", "enter_raw_ts", "exit_raw_ts", null),
        TP_BTF_TASK("tp_btf-task", "enter_btf_ts", "exit_btf_ts", null),
        RAW_TP_HASH("raw_tp-hash", "enter_raw_hash", "exit_raw_hash", null);

        /** Cheapest measured (README, "Cost"). */
        public static final Hook DEFAULT = RAW_TP_PCPU;

        public final String option;
        final String enter;
        final String exit;
        /** Optional third program (sched_switch), or null. */
        final String extra;

        Hook(String option, String enter, String exit, String extra) {
            this.option = option;
            this.enter = enter;
            this.exit = exit;
            this.extra = extra;
        }

        boolean uses(String program) {
            return program.equals(enter) || program.equals(exit) || program.equals(extra);
        }

        /** Attach order: exit before enter (an enter without its exit would leave start times behind). */
        List<String> programs() {
            return extra == null ? List.of(exit, enter) : List.of(extra, exit, enter);
        }

        public static Hook of(String option) {
            for (Hook h : values()) {
                if (h.option.equals(option)) {
                    return h;
                }
            }
            throw new IllegalArgumentException("unknown hook \"" + option + "\" (one of raw_tp-pcpu, raw_tp-task, tp_btf-task, raw_tp-hash)");
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(SyscallLatencyProbe.class);

    private final BpfObject object;
    private final Hook hook;
    private final List<BpfLink> links;
    private final List<BpfObject.ProgramFailure> failures;
    private final BpfMap hist;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment key;
    private final MemorySegment value;
    private final int cpus;
    private final int stride;
    private final MemorySegment batchKeys;
    private final MemorySegment batchValues;
    private final MemorySegment batchOut;
    private final MemorySegment batchCount;
    private int snapshotEntries;
    private int lastSnapshot;
    private final int sampleEvery;
    private long cgroupGeneration;

    private SyscallLatencyProbe(BpfObject object, Hook hook, List<BpfLink> links, List<BpfObject.ProgramFailure> failures,
            int sampleEvery) {
        this.object = object;
        this.sampleEvery = sampleEvery;
        this.hook = hook;
        this.links = links;
        this.failures = failures;
        this.hist = object.map(HIST_MAP);
        if (hist.valueSize() != VALUE_SIZE) {
            throw new IllegalStateException(OBJECT + ": map " + HIST_MAP + " value size " + hist.valueSize()
                    + ", expected " + VALUE_SIZE + " (syscall_latency.h and SyscallLatencyProbe disagree)");
        }
        this.cpus = BpfMap.possibleCpus();
        this.stride = hist.valueStride();
        this.key = arena.allocate(ValueLayout.JAVA_INT);
        this.value = arena.allocate(hist.valueBufferSize(), 8);
        this.batchKeys = arena.allocate(4L * CGROUP_SLOTS * GROUPS, 4);
        this.batchValues = arena.allocate(hist.valueBufferSize() * CGROUP_SLOTS * GROUPS, 8);
        this.batchOut = arena.allocate(ValueLayout.JAVA_INT);
        this.batchCount = arena.allocate(ValueLayout.JAVA_INT);
    }

    /**
     * Reads the histograms of the first {@code cgroupSlots} cgroup slots in one bpf() call, so that the reads of one
     * collection cost one system call instead of one per (cgroup, group) entry; {@link #read} then serves from it
     * until {@link #endSnapshot}. On failure the reads fall back to one lookup each.
     */
    public synchronized void snapshot(int cgroupSlots) throws BpfException {
        snapshotEntries = 0;
        int n = Math.min(cgroupSlots, CGROUP_SLOTS) * GROUPS;
        batchCount.set(ValueLayout.JAVA_INT, 0, n);
        int got = hist.lookupBatch(batchOut, batchKeys, batchValues, batchCount);
        for (int i = 0; i < got; i++) {
            if (batchKeys.getAtIndex(ValueLayout.JAVA_INT, i) != i) {
                return; // not index order: keep per-entry lookups
            }
        }
        snapshotEntries = got;
        lastSnapshot = got;
    }

    /** Entries the last {@link #snapshot} read in one call (0: per-entry lookups), for tests. */
    public synchronized int lastSnapshotEntries() {
        return lastSnapshot;
    }

    public synchronized void endSnapshot() {
        snapshotEntries = 0;
    }

    /** Loads and attaches, trying {@code preferred} first, then the other hooks. */
    public static SyscallLatencyProbe attach(byte[] elf, SyscallGroups groups, Hook preferred) throws BpfException {
        return attach(elf, groups, preferred, 1, 0);
    }

    /**
     * Loads and attaches, trying {@code preferred} first, then the other hooks. {@code sampleEvery} (a power
     * of two) times one syscall in that many; only hook raw_tp-pcpu samples, the others time all.
     */
    public static SyscallLatencyProbe attach(byte[] elf, SyscallGroups groups, Hook preferred, int sampleEvery,
            int cgroupMode) throws BpfException {
        if (sampleEvery < 1 || Integer.bitCount(sampleEvery) != 1) {
            throw new IllegalArgumentException("sample-every must be a power of two >= 1, got " + sampleEvery);
        }
        List<Hook> order = new ArrayList<>();
        order.add(preferred);
        for (Hook h : Hook.values()) {
            if (h != preferred) {
                order.add(h);
            }
        }
        List<BpfObject.ProgramFailure> failures = new ArrayList<>();
        BpfException last = null;
        for (Hook h : order) {
            BpfObject o = BpfObject.open(OBJECT, elf, obj -> {
                for (BpfProgram p : obj.programs()) {
                    p.setAutoload(h.uses(p.name()));
                }
                // struct syscall_cfg { u32 sample_mask; u32 cgroup_mode; } is all of .rodata
                MemorySegment cfg = obj.map(".rodata").initialValue();
                cfg.set(ValueLayout.JAVA_INT, 0, sampleEvery - 1);
                cfg.set(ValueLayout.JAVA_INT, 4, cgroupMode);
            });
            try {
                o.load();
                fillGroups(o.map(GROUP_MAP), groups);
                List<BpfLink> links = new ArrayList<>();
                for (String prog : h.programs()) {
                    links.add(o.program(prog).attach());
                }
                failures.addAll(o.failures());
                if (h != preferred) {
                    LOG.warn("syscall latency probe: hook {} unavailable, using {}", preferred.option, h.option);
                } else {
                    LOG.info("syscall latency probe: attached with hook {}", h.option);
                }
                return new SyscallLatencyProbe(o, h, links, failures, h == Hook.RAW_TP_PCPU ? sampleEvery : 1);
            } catch (BpfException e) {
                failures.addAll(o.failures());
                failures.add(new BpfObject.ProgramFailure(String.join("/", h.programs()), o.isLoaded() ? "attach" : "load",
                        e.getMessage().lines().findFirst().orElse(""), e.log()));
                o.close();
                last = e;
            }
        }
        throw last;
    }

    private static void fillGroups(BpfMap map, SyscallGroups groups) throws BpfException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment k = a.allocate(ValueLayout.JAVA_INT);
            MemorySegment v = a.allocate(ValueLayout.JAVA_INT);
            for (int nr = 0; nr < SyscallGroups.NR_MAX; nr++) {
                int g = groups.group(nr);
                if (g != 0) {
                    k.set(ValueLayout.JAVA_INT, 0, nr);
                    v.set(ValueLayout.JAVA_INT, 0, g);
                    map.update(k, v, BpfMap.BPF_ANY);
                }
            }
        }
    }

    /** One syscall in this many is timed; {@link #read} does not scale. */
    public int sampleEvery() {
        return sampleEvery;
    }

    /** Entries in use of one hash map, for the map-fill self-metrics. */
    public record MapUsage(String map, long entries, long maxEntries) {
    }

    /** The hash maps this hook uses (array maps are always full), with their current entry counts. */
    public synchronized List<MapUsage> mapUsage() throws BpfException {
        List<String> names = switch (hook) {
            case RAW_TP_PCPU -> List.of("syscall_parked", CGROUP_SLOT_MAP);
            case RAW_TP_HASH -> List.of("syscall_start_tid");
            default -> List.of();
        };
        List<MapUsage> out = new ArrayList<>(names.size());
        try (Arena a = Arena.ofConfined()) {
            MemorySegment k = a.allocate(8, 8);
            MemorySegment next = a.allocate(8, 8);
            for (String n : names) {
                BpfMap m = object.map(n);
                long count = 0;
                MemorySegment from = MemorySegment.NULL; // NULL key: the first key
                while (m.nextKey(from, next) && count <= m.maxEntries()) {
                    count++;
                    MemorySegment.copy(next, 0, k, 0, 8);
                    from = k;
                }
                out.add(new MapUsage(n, count, m.maxEntries()));
            }
        }
        return out;
    }

    /** Teaches the kernel side new kernfs id → cgroup slot entries, then makes the per-CPU caches refill. */
    public synchronized void assignCgroups(List<dev.ktel.bpf.probe.cgroup.CgroupSlots.Assignment> added) throws BpfException {
        if (added.isEmpty()) {
            return;
        }
        BpfMap slotMap = object.map(CGROUP_SLOT_MAP);
        try (Arena a = Arena.ofConfined()) {
            MemorySegment k = a.allocate(ValueLayout.JAVA_LONG);
            MemorySegment v = a.allocate(ValueLayout.JAVA_LONG);
            for (var as : added) {
                k.set(ValueLayout.JAVA_LONG, 0, as.kernfsId());
                v.set(ValueLayout.JAVA_INT, 0, as.slot());
                slotMap.update(k, v, BpfMap.BPF_ANY);
            }
            k.set(ValueLayout.JAVA_INT, 0, 0);
            v.set(ValueLayout.JAVA_LONG, 0, ++cgroupGeneration);
            object.map(CGROUP_GEN_MAP).update(k, v, BpfMap.BPF_ANY);
        }
    }

    public Hook hook() {
        return hook;
    }

    public boolean attached() {
        return links.size() == hook.programs().size() && links.stream().allMatch(BpfLink::isOpen);
    }

    public List<BpfObject.ProgramFailure> failures() {
        return List.copyOf(failures);
    }

    /** The attached programs. */
    public List<BpfProgram> programs() {
        return hook.programs().stream().map(object::program).toList();
    }

    /**
     * Sums group {@code group}'s histogram over all CPUs into {@code slots[0..SLOTS)} and returns the sum of
     * latencies in ns. Allocation-free.
     */
    public synchronized long read(int group, long[] slots) throws BpfException {
        return read(0, group, slots);
    }

    /** As {@link #read(int, long[])} for one cgroup slot. */
    public synchronized long read(int cgroupSlot, int group, long[] slots) throws BpfException {
        int index = cgroupSlot * GROUPS + group;
        java.util.Arrays.fill(slots, 0, SLOTS, 0L);
        MemorySegment from;
        long offset;
        if (index < snapshotEntries) {
            from = batchValues;
            offset = (long) index * cpus * stride;
        } else {
            key.set(ValueLayout.JAVA_INT, 0, index);
            if (!hist.lookup(key, value)) {
                return 0;
            }
            from = value;
            offset = 0;
        }
        long sum = 0;
        for (int c = 0; c < cpus; c++) {
            long base = offset + (long) c * stride;
            for (int s = 0; s < SLOTS; s++) {
                slots[s] += from.get(ValueLayout.JAVA_LONG, base + s * 8L);
            }
            sum += from.get(ValueLayout.JAVA_LONG, base + SLOTS * 8L);
        }
        return sum;
    }

    @Override
    public synchronized void close() {
        object.close();
        arena.close();
    }

    /** For tools and tests: the object bytes from the class path. */
    public static byte[] objectBytes() throws BpfSupport.BpfUnavailableException {
        return BpfSupport.object(SyscallLatencyProbe.class.getClassLoader(), OBJECT);
    }
}
