package dev.ktel.agent.doctor;

import dev.ktel.core.io.HostPaths;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * kprobe support (CONFIG_KPROBE_EVENTS): {@code <tracefs>/kprobe_events}, or, when tracefs is not mounted, the
 * perf PMU {@code <sysfs>/bus/event_source/devices/kprobe} that libbpf attaches kprobes through.
 * See Documentation/trace/kprobetrace.rst.
 */
final class KprobesCheck implements DoctorCheck {
    static final String NAME = "kprobes";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Check run(HostPaths paths) throws Exception {
        Mounts mounts = Mounts.read(paths);
        Optional<String> tracefs = Tracefs.find(paths, mounts);
        List<String> seen = new ArrayList<>();
        boolean available = false;
        if (tracefs.isPresent()) {
            boolean events = Files.exists(HostFiles.resolve(paths, tracefs.get()).resolve("kprobe_events"));
            seen.add(tracefs.get() + "/kprobe_events " + (events ? "exists" : "does not exist"));
            available |= events;
        } else {
            seen.add("tracefs not mounted, kprobe_events not checked");
        }
        boolean pmu = Files.isDirectory(paths.sys("bus/event_source/devices/kprobe"));
        seen.add("perf PMU /sys/bus/event_source/devices/kprobe " + (pmu ? "exists" : "does not exist"));
        available |= pmu;
        boolean uprobe = Files.isDirectory(paths.sys("bus/event_source/devices/uprobe"));
        seen.add("uprobe PMU " + (uprobe ? "exists" : "does not exist"));

        boolean btf = Files.exists(paths.sys("kernel/btf/vmlinux"));
        String detail = String.join("; ", seen);
        if (available) {
            return Check.ok(NAME, detail, "kprobe/kretprobe eBPF programs can attach to kernel functions");
        }
        return Check.missing(NAME, "this kernel has no kprobe events (CONFIG_KPROBE_EVENTS off): " + detail,
                "no kprobe/kretprobe programs: ktel's eBPF probes use tracepoints, raw tracepoints, tp_btf and "
                        + "fentry instead; tp_btf and fentry need BTF, which is "
                        + (btf ? "present" : "absent (so only tracepoints and raw tracepoints remain)"));
    }
}
