package dev.ktel.agent.doctor;

import dev.ktel.core.io.HostPaths;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * tracefs: mounted (per {@code <procfs>/mounts}) at /sys/kernel/tracing or /sys/kernel/debug/tracing, and how
 * many tracepoint events it lists in {@code available_events}. See Documentation/trace/ftrace.rst.
 */
final class TracefsCheck implements DoctorCheck {
    static final String NAME = "tracefs";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Check run(HostPaths paths) throws Exception {
        Mounts mounts = Mounts.read(paths);
        Optional<String> at = Tracefs.find(paths, mounts);
        if (at.isEmpty()) {
            Optional<Boolean> supported = Tracefs.kernelSupports(paths);
            if (supported.isPresent() && !supported.get()) {
                return Check.missing(NAME, "not mounted, and /proc/filesystems has no tracefs (kernel built "
                                + "without CONFIG_TRACING)",
                        "no tracepoint (tp/) eBPF programs; raw_tp, tp_btf and fentry programs do not need tracefs");
            }
            return Check.missing(NAME, "not mounted at " + Tracefs.PRIMARY + " or " + Tracefs.LEGACY
                            + (supported.isPresent() ? " (the kernel supports tracefs)" : ""),
                    "ktel mounts it at " + Tracefs.PRIMARY + " when run as root; otherwise run "
                            + "'mount -t tracefs tracefs " + Tracefs.PRIMARY + "'. Until then tracepoint (tp/) "
                            + "eBPF programs cannot resolve event ids; raw_tp, tp_btf and fentry do not need tracefs");
        }
        Path root = HostFiles.resolve(paths, at.get());
        String events;
        boolean readable = true;
        try {
            Optional<List<String>> lines = HostFiles.readLines(root.resolve("available_events"));
            events = lines.map(l -> l.size() + " tracepoint events available").orElse("no available_events file");
        } catch (AccessDeniedException e) {
            events = "available_events not readable (permission denied)";
            readable = false;
        }
        String detail = "mounted at " + at.get() + "; " + events;
        if (!readable) {
            return Check.degraded(NAME, detail,
                    "tracefs is mounted but this process cannot read it: tracepoint eBPF programs need root "
                            + "(or read access to the events/ tree) to resolve event ids");
        }
        return Check.ok(NAME, detail, "tracepoint (tp/) eBPF programs can resolve event ids and attach");
    }
}
