package dev.ktel.bpf.probe.net;

import dev.ktel.bpf.BpfSupport;
import dev.ktel.bpf.ProbeHealth;
import dev.ktel.bpf.ProbeRegistry;
import dev.ktel.bpf.libbpf.BpfException;
import dev.ktel.bpf.libbpf.BpfLink;
import dev.ktel.bpf.libbpf.BpfMap;
import dev.ktel.bpf.libbpf.BpfObject;
import dev.ktel.bpf.libbpf.BtfEnum;
import dev.ktel.collectors.Collector;
import dev.ktel.collectors.CollectorContext;
import dev.ktel.collectors.CollectorFactory;
import dev.ktel.collectors.CollectorUnavailableException;
import dev.ktel.core.metric.MetricFamily;
import dev.ktel.core.metric.MetricSink;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ktel_skb_drops_total{reason}} (skb:kfree_skb) and {@code ktel_tcp_retransmits_total}
 * (tcp:tcp_retransmit_skb) from {@code net_drops.bpf.o}. Reason names are the running kernel's
 * {@code enum skb_drop_reason} constants, read from its BTF at start (without the {@code SKB_DROP_REASON_}
 * prefix, as the tracepoint prints them), so they match the kernel version; unnamed values are
 * {@code reason_<n>}.
 */
public final class NetDropsCollector implements Collector, ProbeHealth {
    static final String PROBE = "net_drops";
    static final String OBJECT = "net_drops";
    /** KTEL_DROP_REASONS in net_drops.bpf.c. */
    static final int REASONS = 512;

    static final MetricFamily DROPS = MetricFamily.counter("ktel_skb_drops_total",
            "Socket buffers freed as dropped, by the kernel's drop reason (eBPF skb:kfree_skb).", "reason");
    static final MetricFamily RETRANSMITS = MetricFamily.counter("ktel_tcp_retransmits_total",
            "TCP segments retransmitted (eBPF tcp:tcp_retransmit_skb).");

    private static final Logger LOG = LoggerFactory.getLogger(NetDropsCollector.class);

    private final BpfObject object;
    private final List<BpfLink> links;
    private final BpfMap drops;
    private final BpfMap retransmits;
    private final String[] reasonNames = new String[REASONS];
    private final Arena arena = Arena.ofShared();
    private final MemorySegment key = arena.allocate(ValueLayout.JAVA_INT);
    private final MemorySegment value;
    private final int cpus = BpfMap.possibleCpus();
    private long readErrors;
    private final MemorySegment batchKeys;
    private final MemorySegment batchValues;
    private final MemorySegment batchOut;
    private final MemorySegment batchCount;
    private boolean batchUnavailable;

    NetDropsCollector(BpfObject object, List<BpfLink> links, Map<Integer, String> reasons) {
        this.object = object;
        this.links = links;
        this.drops = object.map("skb_drops");
        this.retransmits = object.map("tcp_retransmits");
        this.value = arena.allocate(drops.valueBufferSize(), 8);
        this.batchKeys = arena.allocate(4L * REASONS, 4);
        this.batchValues = arena.allocate(drops.valueBufferSize() * REASONS, 8);
        this.batchOut = arena.allocate(ValueLayout.JAVA_INT);
        this.batchCount = arena.allocate(ValueLayout.JAVA_INT);
        for (int r = 0; r < REASONS; r++) {
            String n = reasons.get(r);
            reasonNames[r] = n == null ? "reason_" + r : n.startsWith("SKB_DROP_REASON_")
                    ? n.substring("SKB_DROP_REASON_".length()) : n.startsWith("SKB_") ? n.substring(4) : n;
        }
        ProbeRegistry.register(this);
    }

    /** The label value for drop reason {@code r}. */
    String reasonName(int r) {
        return reasonNames[r];
    }

    @Override
    public synchronized void collect(MetricSink sink) {
        sink.family(DROPS);
        try {
            if (!batchUnavailable && writeBatch(sink)) {
                // all reasons read with one bpf() call
            } else {
                for (int r = 0; r < REASONS; r++) {
                    long n = sum(drops, r);
                    if (n != 0) {
                        sink.sample(reasonNames[r], n);
                    }
                }
            }
            long rtx = sum(retransmits, 0);
            sink.family(RETRANSMITS);
            sink.sample(rtx);
        } catch (BpfException e) {
            if (readErrors++ == 0) {
                LOG.warn("net drops probe: {}", e.getMessage());
            }
        }
    }

    /**
     * Every reason's count in one BPF_MAP_LOOKUP_BATCH call (512 lookups would cost ~1 ms of system calls per
     * scrape); false, and per-key lookups from then on, where the kernel has no batch ops for this map.
     */
    private boolean writeBatch(MetricSink sink) {
        int got;
        try {
            batchCount.set(ValueLayout.JAVA_INT, 0, REASONS);
            got = drops.lookupBatch(batchOut, batchKeys, batchValues, batchCount);
        } catch (BpfException e) {
            batchUnavailable = true;
            LOG.info("net drops probe: batch map reads unavailable ({}), reading key by key", e.getMessage());
            return false;
        }
        long stride = drops.valueStride();
        for (int i = 0; i < got; i++) {
            int r = batchKeys.getAtIndex(ValueLayout.JAVA_INT, i);
            long base = (long) i * cpus * stride;
            long n = 0;
            for (int c = 0; c < cpus; c++) {
                n += batchValues.get(ValueLayout.JAVA_LONG, base + c * stride);
            }
            if (n != 0 && r >= 0 && r < REASONS) {
                sink.sample(reasonNames[r], n);
            }
        }
        return true;
    }

    private long sum(BpfMap map, int k) throws BpfException {
        key.set(ValueLayout.JAVA_INT, 0, k);
        if (!map.lookup(key, value)) {
            return 0;
        }
        long n = 0;
        for (int c = 0; c < cpus; c++) {
            n += value.get(ValueLayout.JAVA_LONG, (long) c * map.valueStride());
        }
        return n;
    }

    @Override
    public String probe() {
        return PROBE;
    }

    @Override
    public long errors(String stage) {
        return switch (stage) {
            case "read" -> readErrors;
            default -> ProbeHealth.super.errors(stage);
        };
    }

    @Override
    public boolean attached() {
        return links.size() == 2 && links.stream().allMatch(BpfLink::isOpen);
    }

    @Override
    public List<BpfObject.ProgramFailure> failures() {
        return object.failures();
    }

    @Override
    public String summary() {
        return links.size() + " of 2 programs attached";
    }

    @Override
    public synchronized void close() {
        ProbeRegistry.unregister(this);
        object.close();
        arena.close();
    }

    /** Registered in META-INF/services. */
    public static final class Factory implements CollectorFactory {
        @Override
        public String name() {
            return "ebpf_net";
        }

        /** On: drops and retransmits are rare events next to syscalls. */
        @Override
        public boolean enabledByDefault() {
            return true;
        }

        @Override
        public String description() {
            return "Dropped socket buffers by kernel drop reason and TCP retransmits (eBPF tp_btf kfree_skb, tcp_retransmit_skb).";
        }

        @Override
        public Collector create(CollectorContext ctx) throws CollectorUnavailableException {
            return create(ctx, Path.of("/sys/kernel/btf/vmlinux"), Path.of("/proc/self/status"),
                    NetDropsCollector.class.getClassLoader());
        }

        static Collector create(CollectorContext ctx, Path btf, Path status, ClassLoader loader)
                throws CollectorUnavailableException {
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
                Map<Integer, String> reasons = BtfEnum.ofVmlinux("skb_drop_reason");
                o = BpfObject.open(OBJECT, elf, obj -> { });
                o.load();
                List<BpfLink> links = o.attachAll();
                if (links.isEmpty()) {
                    String f = o.failures().toString();
                    o.close();
                    throw new CollectorUnavailableException("net drops probe: no program attached: " + f);
                }
                return new NetDropsCollector(o, links, reasons);
            } catch (BpfException e) {
                if (o != null) {
                    o.close();
                }
                throw new CollectorUnavailableException("net drops probe failed to load: " + e.getMessage());
            }
        }
    }
}
