package dev.ktel.bpf.libbpf;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * One map of a {@link BpfObject} ({@code struct bpf_map}). Before load, {@link #initialValue()} gives the
 * writable initial contents of a global-data map ({@code .rodata}, {@code .data}); after load, lookups and
 * updates go through the map's fd with caller-owned key/value segments (no allocation per call).
 *
 * <p>Per-CPU maps ({@link #perCpu()}): a value buffer holds {@link #valueStride()} bytes for each of
 * {@link #possibleCpus()} CPUs (possible CPUs, not online ones, as the kernel lays them out).
 */
public final class BpfMap {
    public static final long BPF_ANY = 0;
    public static final long BPF_NOEXIST = 1;
    private static final int ENOENT = 2;

    private final BpfObject object;
    private final String name;
    private final MemorySegment map;
    private final int keySize;
    private final int valueSize;
    private final int maxEntries;
    private final int type;

    BpfMap(BpfObject object, String name, MemorySegment map) {
        this.object = object;
        this.name = name;
        this.map = map;
        try {
            keySize = (int) Libbpf.MAP_KEY_SIZE.invokeExact(map);
            valueSize = (int) Libbpf.MAP_VALUE_SIZE.invokeExact(map);
            maxEntries = (int) Libbpf.MAP_MAX_ENTRIES.invokeExact(map);
            type = (int) Libbpf.MAP_TYPE.invokeExact(map);
        } catch (Throwable t) {
            throw Libbpf.rethrow(t);
        }
    }

    public String name() {
        return name;
    }

    public int keySize() {
        return keySize;
    }

    public int valueSize() {
        return valueSize;
    }

    public int maxEntries() {
        return maxEntries;
    }

    /** enum bpf_map_type. */
    public int type() {
        return type;
    }

    /** PERCPU_HASH (5), PERCPU_ARRAY (6), LRU_PERCPU_HASH (10), PERCPU_CGROUP_STORAGE (21). */
    public boolean perCpu() {
        return type == 5 || type == 6 || type == 10 || type == 21;
    }

    public static int possibleCpus() {
        return Libbpf.possibleCpus();
    }

    /** Bytes per CPU in a per-CPU value buffer: the value size rounded up to 8. */
    public int valueStride() {
        return (valueSize + 7) & ~7;
    }

    /** Size of the buffer {@link #lookup} fills: valueSize, or stride × possible CPUs for per-CPU maps. */
    public long valueBufferSize() {
        return perCpu() ? (long) valueStride() * possibleCpus() : valueSize;
    }

    /** Before load: the writable initial value of a global-data map (.rodata, .data, .bss). */
    public MemorySegment initialValue() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment size = a.allocate(8);
            MemorySegment p = (MemorySegment) Libbpf.MAP_INITIAL_VALUE.invokeExact(map, size);
            if (p.equals(MemorySegment.NULL)) {
                throw new IllegalStateException(object.name() + ": map " + name + " has no initial value");
            }
            return p.reinterpret(size.get(java.lang.foreign.ValueLayout.JAVA_LONG, 0));
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw Libbpf.rethrow(t);
        }
    }

    public int fd() {
        try {
            return (int) Libbpf.MAP_FD.invokeExact(map);
        } catch (Throwable t) {
            throw Libbpf.rethrow(t);
        }
    }

    /** Fills {@code value}; false when the key is absent. */
    public boolean lookup(MemorySegment key, MemorySegment value) throws BpfException {
        int rc;
        try {
            rc = (int) Libbpf.MAP_LOOKUP_ELEM.invokeExact(fd(), key, value);
        } catch (Throwable t) {
            throw Libbpf.rethrow(t);
        }
        if (rc == -ENOENT) {
            return false;
        }
        if (rc < 0) {
            throw new BpfException(object.name() + ": lookup in map " + name, -rc, null);
        }
        return true;
    }

    /**
     * Reads up to {@code count[0]} entries from the start of the map in one bpf() call (BPF_MAP_LOOKUP_BATCH):
     * keys into {@code keys}, values (per-CPU layout as {@link #lookup}) into {@code values}. Returns how many were
     * read; reaching the end of the map is not an error.
     */
    public int lookupBatch(MemorySegment outBatch, MemorySegment keys, MemorySegment values, MemorySegment count)
            throws BpfException {
        int rc;
        try {
            rc = (int) Libbpf.MAP_LOOKUP_BATCH.invokeExact(fd(), MemorySegment.NULL, outBatch, keys, values, count,
                    MemorySegment.NULL);
        } catch (Throwable t) {
            throw Libbpf.rethrow(t);
        }
        if (rc < 0 && rc != -ENOENT) {
            throw new BpfException(object.name() + ": batch lookup in map " + name, -rc, null);
        }
        return count.get(java.lang.foreign.ValueLayout.JAVA_INT, 0);
    }

    public void update(MemorySegment key, MemorySegment value, long flags) throws BpfException {
        int rc;
        try {
            rc = (int) Libbpf.MAP_UPDATE_ELEM.invokeExact(fd(), key, value, flags);
        } catch (Throwable t) {
            throw Libbpf.rethrow(t);
        }
        if (rc < 0) {
            throw new BpfException(object.name() + ": update of map " + name, -rc, null);
        }
    }

    /**
     * Iteration: the key after {@code key} ({@link MemorySegment#NULL} for the first) into {@code next};
     * false at the end. Keys deleted concurrently may restart the walk (kernel semantics for hashes).
     */
    public boolean nextKey(MemorySegment key, MemorySegment next) throws BpfException {
        int rc;
        try {
            rc = (int) Libbpf.MAP_GET_NEXT_KEY.invokeExact(fd(), key, next);
        } catch (Throwable t) {
            throw Libbpf.rethrow(t);
        }
        if (rc == -ENOENT) {
            return false;
        }
        if (rc < 0) {
            throw new BpfException(object.name() + ": get_next_key in map " + name, -rc, null);
        }
        return true;
    }

    BpfObject object() {
        return object;
    }

    MemorySegment handle() {
        return map;
    }
}
