package dev.ktel.agent.doctor;

import dev.ktel.core.io.HostPaths;
import java.util.Optional;

/**
 * perf events: {@code kernel.perf_event_paranoid}, and {@code perf_event_open(2)} of a software counter
 * (PERF_COUNT_SW_CPU_CLOCK) and a hardware one (PERF_COUNT_HW_CPU_CYCLES) on this process, each closed at once.
 * Hardware counters are often absent in virtual machines (no virtual PMU).
 */
final class PerfEventsCheck implements DoctorCheck {
    static final String NAME = "perf_events";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Check run(HostPaths paths) throws Exception {
        Optional<Long> paranoid = HostFiles.readLong(paths.proc("sys/kernel/perf_event_paranoid"));
        String sysctl = "kernel.perf_event_paranoid=" + paranoid.map(String::valueOf).orElse("absent")
                + paranoid.map(PerfEventsCheck::describeParanoid).orElse("");

        Syscalls.Result sw = Syscalls.perfEventOpen(Syscalls.PERF_TYPE_SOFTWARE, Syscalls.PERF_COUNT_SW_CPU_CLOCK);
        Syscalls.close(sw.value());
        Syscalls.Result hw = Syscalls.perfEventOpen(Syscalls.PERF_TYPE_HARDWARE, Syscalls.PERF_COUNT_HW_CPU_CYCLES);
        Syscalls.close(hw.value());

        String detail = sysctl + "; software cpu-clock: " + outcome(sw) + "; hardware cycles: " + outcome(hw);
        if (!sw.ok()) {
            if (sw.errno() == Errno.ENOSYS) {
                return Check.missing(NAME, detail,
                        "kernel without CONFIG_PERF_EVENTS: no perf counters, and eBPF programs that attach through "
                                + "perf events (tracepoints, kprobes) cannot attach");
            }
            return Check.degraded(NAME, detail,
                    "this process cannot open perf events: no perf counters and no perf-attached eBPF programs; "
                            + "grant CAP_PERFMON, run as root, or lower kernel.perf_event_paranoid");
        }
        if (!hw.ok()) {
            String why = hw.errno() == Errno.ENOENT || hw.errno() == Errno.EOPNOTSUPP || hw.errno() == Errno.ENODEV
                    ? "no hardware PMU is exposed (common in virtual machines)"
                    : "hardware counters are refused (" + hw.errnoText() + ")";
            return Check.degraded(NAME, detail,
                    "software perf events work (CPU clock sampling, perf-attached eBPF); " + why
                            + ", so no cycles/instructions/cache-miss metrics");
        }
        return Check.ok(NAME, detail, "software and hardware perf counters are available (cycles, instructions, "
                + "CPU clock sampling, perf-attached eBPF)");
    }

    private static String outcome(Syscalls.Result r) {
        return r.ok() ? "ok" : r.errnoText();
    }

    private static String describeParanoid(long v) {
        if (v <= -1) {
            return " (no restrictions)";
        }
        return switch ((int) v) {
            case 0 -> " (unprivileged: no raw tracepoints)";
            case 1 -> " (unprivileged: no CPU-wide events)";
            case 2 -> " (unprivileged: own user-space only)";
            default -> " (unprivileged: no perf events at all)";
        };
    }
}
