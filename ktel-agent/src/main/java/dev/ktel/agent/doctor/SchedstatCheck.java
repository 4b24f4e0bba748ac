package dev.ktel.agent.doctor;

import dev.ktel.core.io.HostPaths;
import java.nio.file.Files;

/**
 * Scheduler statistics: {@code <procfs>/schedstat} (CONFIG_SCHEDSTATS, per-CPU run time and run-queue wait) and
 * per-task {@code <procfs>/self/schedstat} (CONFIG_SCHED_INFO). See Documentation/scheduler/sched-stats.rst.
 */
final class SchedstatCheck implements DoctorCheck {
    static final String NAME = "schedstat";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Check run(HostPaths paths) throws Exception {
        boolean cpu = Files.exists(paths.proc("schedstat"));
        boolean task = Files.exists(paths.proc("self/schedstat"));
        String detail = "/proc/schedstat " + (cpu ? "present" : "absent (CONFIG_SCHEDSTATS off)")
                + "; /proc/self/schedstat " + (task ? "present" : "absent (CONFIG_SCHED_INFO off)");
        if (cpu && task) {
            return Check.ok(NAME, detail,
                    "per-CPU run/wait time (schedstat collector) and per-task run-queue delay are available");
        }
        if (task) {
            return Check.degraded(NAME, detail,
                    "no per-CPU run-queue delay (the schedstat collector is unavailable); per-task run-queue delay "
                            + "from /proc/<pid>/schedstat still works");
        }
        if (cpu) {
            return Check.degraded(NAME, detail,
                    "per-CPU run/wait time works; no per-task run-queue delay");
        }
        return Check.missing(NAME, detail,
                "no scheduler run-queue delay from procfs (schedstat collector unavailable); eBPF run-queue latency "
                        + "probes can still measure it where eBPF works");
    }
}
