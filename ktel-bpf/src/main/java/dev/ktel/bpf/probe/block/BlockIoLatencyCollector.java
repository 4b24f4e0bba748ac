package dev.ktel.bpf.probe.block;

import dev.ktel.bpf.BpfSupport;
import dev.ktel.bpf.ProbeHealth;
import dev.ktel.bpf.ProbeRegistry;
import dev.ktel.bpf.libbpf.BpfException;
import dev.ktel.bpf.libbpf.BpfLink;
import dev.ktel.bpf.libbpf.BpfMap;
import dev.ktel.bpf.libbpf.BpfObject;
import dev.ktel.bpf.probe.Exp2Histogram;
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
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ktel_block_io_latency_seconds{device,operation}} (block_rq_issue → block_rq_complete of a request)
 * and {@code ktel_block_io_in_flight{device}} (issued, not completed) from {@code block_io_latency.bpf.o}.
 * Device numbers are named through {@link BlockDeviceNames}.
 */
public final class BlockIoLatencyCollector implements Collector, ProbeHealth {
    static final String PROBE = "block_io_latency";
    static final String OBJECT = "block_io_latency";
    /** KTEL_BLOCK_SLOTS in block_io_latency.h; value = slots + sum_ns. */
    static final int SLOTS = 40;
    static final int MIN_SLOT = 10; // 1 µs
    static final int MAX_SLOT = 35;

    static final MetricFamily LATENCY = MetricFamily.histogram("ktel_block_io_latency_seconds",
            "Block request latency on the device, block_rq_issue to block_rq_complete (eBPF).", "device", "operation");
    static final MetricFamily IN_FLIGHT = MetricFamily.gauge("ktel_block_io_in_flight",
            "Block requests issued to the device and not completed (eBPF).", "device");

    private static final Logger LOG = LoggerFactory.getLogger(BlockIoLatencyCollector.class);

    private final BpfObject object;
    private final List<BpfLink> links;
    private final BpfMap hist;
    private final BpfMap inflight;
    private final BlockDeviceNames names;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment key = arena.allocate(8, 8);
    private final MemorySegment next = arena.allocate(8, 8);
    private final MemorySegment value;
    private final MemorySegment start;
    private final Exp2Histogram exp2 = new Exp2Histogram(MIN_SLOT, MAX_SLOT, 1e-9);
    private final long[] slots = new long[SLOTS];
    private long readErrors;
    private long inflightEntries;

    BlockIoLatencyCollector(BpfObject object, List<BpfLink> links, BlockDeviceNames names) {
        this.object = object;
        this.links = links;
        this.names = names;
        this.hist = object.map("block_io_latency_seconds");
        this.inflight = object.map("block_inflight");
        this.value = arena.allocate(hist.valueBufferSize(), 8);
        this.start = arena.allocate(inflight.valueBufferSize(), 8);
        ProbeRegistry.register(this);
    }

    @Override
    public synchronized void collect(MetricSink sink) {
        sink.family(LATENCY);
        Map<Integer, Integer> inFlight = new TreeMap<>();
        inflightEntries = 0;
        try {
            MemorySegment from = MemorySegment.NULL;
            while (hist.nextKey(from, next)) {
                MemorySegment.copy(next, 0, key, 0, 8);
                from = key;
                int dev = key.get(ValueLayout.JAVA_INT, 0);
                int op = key.get(ValueLayout.JAVA_INT, 4);
                if (!hist.lookup(key, value)) {
                    continue;
                }
                for (int s = 0; s < SLOTS; s++) {
                    slots[s] = value.get(ValueLayout.JAVA_LONG, s * 8L);
                }
                exp2.fill(slots, SLOTS);
                sink.histogram(new String[] {names.name(dev), BlockOps.name(op)}, exp2.bounds(), exp2.cumulative(),
                        exp2.count(), value.get(ValueLayout.JAVA_LONG, SLOTS * 8L) * 1e-9);
            }
            from = MemorySegment.NULL;
            while (inflight.nextKey(from, next) && inflightEntries <= inflight.maxEntries()) {
                MemorySegment.copy(next, 0, key, 0, 8);
                from = key;
                inflightEntries++;
                if (inflight.lookup(key, start)) {
                    inFlight.merge(start.get(ValueLayout.JAVA_INT, 8), 1, Integer::sum);
                }
            }
        } catch (BpfException e) {
            if (readErrors++ == 0) {
                LOG.warn("block I/O latency probe: {}", e.getMessage());
            }
        }
        sink.family(IN_FLIGHT);
        for (var e : inFlight.entrySet()) {
            sink.sample(names.name(e.getKey()), e.getValue());
        }
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
    public synchronized List<MapUsage> maps() {
        return List.of(new MapUsage("block_inflight", inflightEntries, inflight.maxEntries()));
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
            return "ebpf_block";
        }

        /** On: block requests are rare next to syscalls (thousands per second, not millions). */
        @Override
        public boolean enabledByDefault() {
            return true;
        }

        @Override
        public String description() {
            return "Block I/O latency histogram by device and operation, and requests in flight (eBPF tp_btf block_rq_issue/complete).";
        }

        @Override
        public Collector create(CollectorContext ctx) throws CollectorUnavailableException {
            return create(ctx, Path.of("/sys/kernel/btf/vmlinux"), Path.of("/proc/self/status"),
                    BlockIoLatencyCollector.class.getClassLoader());
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
                o = BpfObject.open(OBJECT, elf, obj -> { });
                o.load();
                List<BpfLink> links = o.attachAll();
                if (links.isEmpty()) {
                    String f = o.failures().toString();
                    o.close();
                    throw new CollectorUnavailableException("block I/O latency probe: no program attached: " + f);
                }
                return new BlockIoLatencyCollector(o, links, new BlockDeviceNames(ctx.paths().sys("dev/block")));
            } catch (BpfException e) {
                if (o != null) {
                    o.close();
                }
                throw new CollectorUnavailableException("block I/O latency probe failed to load: " + e.getMessage());
            }
        }
    }
}
