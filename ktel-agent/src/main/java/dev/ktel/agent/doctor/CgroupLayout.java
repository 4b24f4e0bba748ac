package dev.ktel.agent.doctor;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which cgroup hierarchies are mounted, from the mount table: v1 only (legacy), v2 only (unified), or hybrid (v1
 * controller hierarchies plus a cgroup2 mount, systemd's {@code /sys/fs/cgroup/unified}). See
 * Documentation/admin-guide/cgroup-v2.rst and cgroups(7).
 */
record CgroupLayout(Kind kind, List<V1Hierarchy> v1, List<String> cgroup2MountPoints) {

    enum Kind {
        V1, V2, HYBRID, NONE;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One v1 hierarchy: its mount point and the controllers (or {@code name=systemd}) bound to it. */
    record V1Hierarchy(String mountPoint, List<String> controllers) {
    }

    /** v1 controller names the kernel may have; /proc/cgroups adds any newer ones. */
    static final Set<String> KNOWN_V1_CONTROLLERS = Set.of("cpuset", "cpu", "cpuacct", "blkio", "io", "memory",
            "devices", "freezer", "net_cls", "perf_event", "net_prio", "hugetlb", "pids", "rdma", "misc", "debug");

    static CgroupLayout detect(Mounts mounts, Set<String> procCgroupsControllers) {
        Set<String> controllers = new LinkedHashSet<>(KNOWN_V1_CONTROLLERS);
        controllers.addAll(procCgroupsControllers);
        List<V1Hierarchy> v1 = new ArrayList<>();
        for (Mounts.Mount m : mounts.ofType("cgroup")) {
            List<String> bound = new ArrayList<>();
            for (String opt : m.options()) {
                if (controllers.contains(opt) || opt.startsWith("name=")) {
                    bound.add(opt);
                }
            }
            v1.add(new V1Hierarchy(m.mountPoint(), List.copyOf(bound)));
        }
        List<String> v2 = mounts.ofType("cgroup2").stream().map(Mounts.Mount::mountPoint).distinct().toList();
        Kind kind = v1.isEmpty()
                ? (v2.isEmpty() ? Kind.NONE : Kind.V2)
                : (v2.isEmpty() ? Kind.V1 : Kind.HYBRID);
        return new CgroupLayout(kind, List.copyOf(v1), v2);
    }

    /** Controller names listed in /proc/cgroups (first column, {@code #} header skipped). */
    static Set<String> parseProcCgroups(List<String> lines) {
        Set<String> names = new LinkedHashSet<>();
        for (String line : lines) {
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("#")) {
                continue;
            }
            names.add(s.split("\\s+")[0]);
        }
        return names;
    }

    /** The preferred cgroup2 mount: /sys/fs/cgroup, then /sys/fs/cgroup/unified, then the first listed. */
    Optional<String> cgroup2() {
        if (cgroup2MountPoints.contains("/sys/fs/cgroup")) {
            return Optional.of("/sys/fs/cgroup");
        }
        if (cgroup2MountPoints.contains("/sys/fs/cgroup/unified")) {
            return Optional.of("/sys/fs/cgroup/unified");
        }
        return cgroup2MountPoints.stream().findFirst();
    }

    /** The cgroup2 path of a process from its /proc/&lt;pid&gt;/cgroup ({@code 0::/path} line), if any. */
    static Optional<String> cgroup2Path(List<String> procSelfCgroup) {
        for (String line : procSelfCgroup) {
            if (line.startsWith("0::")) {
                return Optional.of(line.substring(3).strip());
            }
        }
        return Optional.empty();
    }
}
