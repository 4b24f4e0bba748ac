package dev.ktel.collectors.cgroup;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * Finds cgroups by walking every hierarchy breadth-first to {@code maxDepth} (the root "/" is depth 0), and
 * keeps those whose path passes the include/exclude regexes (full match on the cgroup path, e.g.
 * {@code /system.slice/ssh.service}). Filters select what is reported, not what is walked, so
 * {@code include=/kubepods.*} still finds /kubepods/... below an excluded parent. At most {@code maxCgroups}
 * are kept, shallowest first (then by path), so the series count stays bounded; the rest are counted as
 * dropped. A path present in several hierarchies (v1 controllers, the unified tree) is one cgroup whose
 * bit mask says where it exists.
 */
public final class CgroupDiscovery {
    private final List<Path> roots;
    private final int maxDepth;
    private final int maxCgroups;
    private final Pattern include;
    private final Pattern exclude;
    private int dropped;

    /** {@code roots.get(i)} is hierarchy bit {@code 1 << i}; at most 31 hierarchies. */
    public CgroupDiscovery(List<Path> roots, int maxDepth, int maxCgroups, Pattern include, Pattern exclude) {
        if (roots.size() > 31) {
            throw new IllegalArgumentException("more than 31 cgroup hierarchies");
        }
        this.roots = List.copyOf(roots);
        this.maxDepth = maxDepth;
        this.maxCgroups = maxCgroups;
        this.include = include;
        this.exclude = exclude;
    }

    /** Calls {@code found(path, hierarchyMask)} for each kept cgroup, shallowest first. */
    public void walk(BiConsumer<String, Integer> found) {
        dropped = 0;
        int kept = 0;
        TreeMap<String, Integer> level = new TreeMap<>();
        int rootMask = 0;
        for (int h = 0; h < roots.size(); h++) {
            if (Files.isDirectory(roots.get(h))) {
                rootMask |= 1 << h;
            }
        }
        if (rootMask != 0) {
            level.put("/", rootMask);
        }
        for (int depth = 0; !level.isEmpty(); depth++) {
            TreeMap<String, Integer> next = new TreeMap<>();
            for (Map.Entry<String, Integer> e : level.entrySet()) {
                String path = e.getKey();
                int mask = e.getValue();
                if (selected(path)) {
                    if (kept < maxCgroups) {
                        found.accept(path, mask);
                        kept++;
                    } else {
                        dropped++;
                    }
                }
                if (depth < maxDepth) {
                    for (int h = 0; h < roots.size(); h++) {
                        if ((mask & (1 << h)) != 0) {
                            children(roots.get(h), path, 1 << h, next);
                        }
                    }
                }
            }
            level = next;
        }
    }

    private static void children(Path root, String path, int bit, TreeMap<String, Integer> into) {
        Path dir = path.equals("/") ? root : root.resolve(path.substring(1));
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, Files::isDirectory)) {
            for (Path child : ds) {
                String name = child.getFileName().toString();
                String p = path.equals("/") ? "/" + name : path + "/" + name;
                into.merge(p, bit, (a, b) -> a | b);
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            // removed while walking (containers come and go): it is simply not there this time
        }
    }

    private boolean selected(String path) {
        return (include == null || include.matcher(path).matches())
                && (exclude == null || !exclude.matcher(path).matches());
    }

    /** Cgroups that passed the filters but were beyond {@code maxCgroups} in the last walk. */
    public int dropped() {
        return dropped;
    }
}
