package dev.ktel.bpf.probe.cgroup;

import dev.ktel.collectors.cgroup.CorrelationKeyResolver;
import dev.ktel.core.event.CorrelationKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Assigns small slot numbers to cgroups so that a BPF map indexed by slot can carry a cgroup dimension
 * with a bounded number of series. A cgroup directory's inode number is its kernfs node id, the value BPF
 * programs read from {@code cgroup->kn->id}; so walking one hierarchy and stat-ing each directory gives
 * the id → path table the kernel side needs.
 *
 * <p>Slot 0 is "other" (no slot: more cgroups than slots, or created since the last refresh); slot 1 is the
 * hierarchy's root. A slot, once given, keeps its cgroup (so its counters stay monotonic) even when the
 * cgroup is removed. Directories with tasks are preferred over empty ones, shallower over deeper. Not
 * thread-safe.
 */
public final class CgroupSlots {
    public static final String OTHER = "other";

    private final Path root;
    private final int maxSlots;
    private final CorrelationKeyResolver resolver;
    private final Map<Long, Integer> slotOfId = new HashMap<>();
    private final List<String> pathOfSlot = new ArrayList<>();
    private final List<CorrelationKey> keyOfSlot = new ArrayList<>();

    /** {@code root}: the hierarchy's mount directory; {@code maxSlots}: including slot 0 (other). */
    public CgroupSlots(Path root, int maxSlots, CorrelationKeyResolver resolver) {
        if (maxSlots < 2) {
            throw new IllegalArgumentException("need at least 2 cgroup slots (other and the root), got " + maxSlots);
        }
        this.root = root;
        this.maxSlots = maxSlots;
        this.resolver = resolver;
        pathOfSlot.add(OTHER);
        keyOfSlot.add(CorrelationKey.ofCgroup(OTHER));
    }

    /** A newly assigned slot: the kernel table must learn {@code kernfsId → slot}. */
    public record Assignment(long kernfsId, int slot) {
    }

    /**
     * Walks the hierarchy and gives free slots to cgroups that have none yet. Returns the new assignments
     * (empty when nothing changed). Directories that vanish during the walk are skipped.
     */
    public List<Assignment> refresh() throws IOException {
        List<Assignment> added = new ArrayList<>();
        if (pathOfSlot.size() >= maxSlots) {
            return added;
        }
        List<Path> withTasks = new ArrayList<>();
        List<Path> empty = new ArrayList<>();
        Deque<Path> queue = new ArrayDeque<>();
        queue.add(root);
        while (!queue.isEmpty()) { // breadth first: shallower cgroups first
            Path dir = queue.poll();
            (hasTasks(dir) || dir.equals(root) ? withTasks : empty).add(dir);
            try (Stream<Path> children = Files.list(dir)) {
                children.filter(Files::isDirectory).sorted().forEach(queue::add);
            } catch (IOException e) {
                // removed while walking
            }
        }
        withTasks.addAll(empty);
        for (Path dir : withTasks) {
            if (pathOfSlot.size() >= maxSlots) {
                break;
            }
            long id;
            try {
                id = ((Number) Files.getAttribute(dir, "unix:ino")).longValue();
            } catch (IOException | UnsupportedOperationException e) {
                continue;
            }
            if (slotOfId.containsKey(id)) {
                continue;
            }
            String path = "/" + root.relativize(dir).toString();
            int slot = pathOfSlot.size();
            slotOfId.put(id, slot);
            pathOfSlot.add(path);
            keyOfSlot.add(resolver.resolve(path));
            added.add(new Assignment(id, slot));
        }
        return added;
    }

    private static boolean hasTasks(Path dir) {
        try {
            try (var in = Files.newInputStream(dir.resolve("cgroup.procs"))) {
                return in.read() >= 0;
            }
        } catch (IOException e) {
            return false;
        }
    }

    /** Slots in use, including 0. */
    public int size() {
        return pathOfSlot.size();
    }

    public String path(int slot) {
        return pathOfSlot.get(slot);
    }

    public CorrelationKey key(int slot) {
        return keyOfSlot.get(slot);
    }

    /** The slot of a kernfs id, or 0. */
    public int slotOf(long kernfsId) {
        return slotOfId.getOrDefault(kernfsId, 0);
    }
}
