package dev.ktel.agent.doctor;

import dev.ktel.core.io.HostPaths;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The cgroup layout ({@link CgroupLayout}: v1, v2 or hybrid) from {@code <procfs>/mounts}, the controllers enabled
 * in the cgroup2 tree ({@code cgroup.controllers}) and this process's cgroup ({@code <procfs>/self/cgroup}).
 */
final class CgroupCheck implements DoctorCheck {
    static final String NAME = "cgroups";

    private static final String PSI_AND_IDS = "per-cgroup PSI (cpu/memory/io.pressure) exists only in the cgroup2 "
            + "tree, and bpf_get_current_cgroup_id() returns the cgroup2 id";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Check run(HostPaths paths) throws Exception {
        Mounts mounts = Mounts.read(paths);
        Set<String> known = CgroupLayout.parseProcCgroups(
                HostFiles.readLines(paths.proc("cgroups")).orElse(List.of()));
        CgroupLayout layout = CgroupLayout.detect(mounts, known);
        List<String> self = HostFiles.readLines(paths.proc("self/cgroup")).orElse(List.of());
        Optional<String> selfV2 = CgroupLayout.cgroup2Path(self);

        StringBuilder detail = new StringBuilder(layout.kind().label()).append(':');
        if (!layout.v1().isEmpty()) {
            detail.append(" v1 hierarchies");
            String sep = " ";
            for (CgroupLayout.V1Hierarchy h : layout.v1()) {
                detail.append(sep).append(h.controllers().isEmpty() ? "(no controller)" : String.join(",", h.controllers()))
                        .append(" at ").append(h.mountPoint());
                sep = ", ";
            }
            detail.append(';');
        }
        Optional<String> v2 = layout.cgroup2();
        String v2Controllers = null;
        if (v2.isPresent()) {
            v2Controllers = HostFiles.readTrimmed(HostFiles.resolve(paths, v2.get()).resolve("cgroup.controllers"))
                    .map(s -> s.isEmpty() ? "none" : s.replace(' ', ','))
                    .orElse("unknown (no cgroup.controllers)");
            detail.append(" cgroup2 at ").append(v2.get()).append(" with controllers: ").append(v2Controllers)
                    .append(';');
        }
        if (layout.kind() == CgroupLayout.Kind.NONE) {
            detail.append(" no cgroup or cgroup2 mounts in /proc/mounts;");
        }
        detail.append(" this process: ").append(selfV2.map(p -> "cgroup2 " + p)
                .orElse(self.isEmpty() ? "no /proc/self/cgroup" : "no cgroup2 membership line"));

        return switch (layout.kind()) {
            case V2 -> Check.ok(NAME, detail.toString(),
                    "per-cgroup resource stats and PSI are read from the unified tree at " + v2.orElseThrow()
                            + "; " + PSI_AND_IDS + ", which matches these directories");
            case HYBRID -> Check.degraded(NAME, detail.toString(),
                    "resource stats come from the v1 hierarchies (the cgroup2 tree has "
                            + ("none".equals(v2Controllers) ? "no controllers" : "only: " + v2Controllers) + "); "
                            + PSI_AND_IDS + ", so eBPF events map to directories under " + v2.orElseThrow()
                            + ", not to the v1 paths");
            case V1 -> Check.degraded(NAME, detail.toString(),
                    "resource stats come from the v1 hierarchies only; " + PSI_AND_IDS
                            + ": with no cgroup2 tree there is no per-cgroup PSI and eBPF events cannot be "
                            + "attributed to cgroups (every task reports the root id)");
            case NONE -> Check.missing(NAME, detail.toString(),
                    "no per-cgroup metrics, no per-cgroup PSI, no cgroup attribution of eBPF events; mount cgroup2 "
                            + "at /sys/fs/cgroup to enable them");
        };
    }
}
