package dev.ktel.pipeline.sampling;

import dev.ktel.core.event.Event;
import dev.ktel.core.event.Severity;
import java.util.Set;

/**
 * Events that are never sampled, whatever the configuration or the load: OOM, panics and oopses, lockups and
 * hardware errors, security-relevant traps and floods, lost-record markers, and anything of severity crit or
 * worse. These are the events an operator is paged for; losing one to save CPU is never the right trade.
 */
public final class ProtectedEvents {
    public static final Set<String> TYPES = Set.of("oom_kill", "oom_reaper", "panic", "oops", "bug",
            "general_protection", "segfault", "kernel_trap", "user_trap", "divide_error", "hard_lockup",
            "soft_lockup", "hung_task", "rcu_stall", "nmi_watchdog", "nmi_unknown", "mce", "edac", "syn_flood",
            "pids_fork_rejected", "kmsg_missed", "audit", "selinux", "apparmor");

    private ProtectedEvents() {
    }

    public static boolean isProtectedType(String type) {
        return TYPES.contains(type);
    }

    public static boolean isProtected(Event e) {
        return TYPES.contains(e.type()) || e.severity().compareTo(Severity.CRIT) <= 0;
    }
}
