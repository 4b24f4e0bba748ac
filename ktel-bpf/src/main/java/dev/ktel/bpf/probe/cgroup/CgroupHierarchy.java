package dev.ktel.bpf.probe.cgroup;

import dev.ktel.collectors.cgroup.CgroupLayout;
import dev.ktel.core.io.HostPaths;
import dev.ktel.core.text.ParseErrors;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Which cgroup the eBPF cgroup dimension uses, and the mount directory where its kernfs ids are found. On a
 * hybrid host the cgroup2 id of most tasks is the root, so a v1 hierarchy (memory, else cpu) is preferred
 * when mounted: it is where the attribution of the procfs/cgroup collectors sees the tasks too.
 * {@code code} is KTEL_CGROUP_* of syscall_latency.h.
 */
public record CgroupHierarchy(String option, int code, Path root) {
    public static final CgroupHierarchy NONE = new CgroupHierarchy("none", 0, null);

    /** {@code option}: auto, none, v2, v1-memory or v1-cpu. */
    public static CgroupHierarchy choose(String option, HostPaths paths) throws IOException {
        if (option.equals("none")) {
            return NONE;
        }
        CgroupLayout layout;
        try {
            layout = CgroupLayout.detect(paths, ParseErrors.IGNORE);
        } catch (IOException e) {
            if (option.equals("auto")) {
                return NONE; // no mount table: no cgroup dimension, the probe still runs
            }
            throw e;
        }
        Path memory = layout.v1("memory");
        Path cpu = layout.v1("cpu");
        Path v2 = layout.unified();
        return switch (option) {
            case "auto" -> memory != null ? new CgroupHierarchy("v1-memory", 2, memory)
                    : cpu != null ? new CgroupHierarchy("v1-cpu", 3, cpu)
                    : v2 != null ? new CgroupHierarchy("v2", 1, v2) : NONE;
            case "v2" -> require(option, 1, v2);
            case "v1-memory" -> require(option, 2, memory);
            case "v1-cpu" -> require(option, 3, cpu);
            default -> throw new IllegalArgumentException("unknown cgroup hierarchy \"" + option
                    + "\" (one of auto, none, v2, v1-memory, v1-cpu)");
        };
    }

    private static CgroupHierarchy require(String option, int code, Path root) {
        if (root == null) {
            throw new IllegalArgumentException("cgroup hierarchy " + option + " is not mounted on this host");
        }
        return new CgroupHierarchy(option, code, root);
    }
}
