package dev.ktel.agent.doctor;

import dev.ktel.core.io.HostPaths;
import java.util.Optional;

/**
 * Calls {@code bpf(BPF_MAP_CREATE)} for a one-element array map and closes it: the real test of whether this
 * process may use eBPF. Also reports {@code kernel.unprivileged_bpf_disabled} and {@code net.core.bpf_jit_enable}.
 * See bpf(2) and Documentation/admin-guide/sysctl/kernel.rst.
 */
final class BpfSyscallCheck implements DoctorCheck {
    static final String NAME = "bpf_syscall";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Check run(HostPaths paths) throws Exception {
        Optional<Long> unpriv = HostFiles.readLong(paths.proc("sys/kernel/unprivileged_bpf_disabled"));
        Optional<Long> jit = HostFiles.readLong(paths.proc("sys/net/core/bpf_jit_enable"));
        String sysctls = "kernel.unprivileged_bpf_disabled=" + unpriv.map(String::valueOf).orElse("absent")
                + unpriv.map(BpfSyscallCheck::describeUnpriv).orElse("")
                + ", net.core.bpf_jit_enable=" + jit.map(String::valueOf).orElse("absent")
                + jit.map(BpfSyscallCheck::describeJit).orElse("");

        Syscalls.Result r = Syscalls.bpfCreateTinyArrayMap();
        if (r.ok()) {
            Syscalls.close(r.value());
            String jitNote = jit.isPresent() && jit.get() == 0
                    ? "; JIT is off, so probes run in the interpreter (slower)" : "";
            String detail = "BPF_MAP_CREATE (array, 1 entry) succeeded and was closed; " + sysctls;
            if (!PrivilegesCheck.mayLoadTracingPrograms(paths).orElse(true)) {
                return Check.degraded(NAME, detail,
                        "bpf() works for this process, but tracing programs need CAP_BPF+CAP_PERFMON or "
                                + "CAP_SYS_ADMIN (see privileges): no eBPF probes" + jitNote);
            }
            return Check.ok(NAME, detail, "ktel can create BPF maps and load eBPF probes" + jitNote);
        }
        String seen = "BPF_MAP_CREATE failed with " + r.errnoText() + "; " + sysctls;
        return switch (r.errno()) {
            case Errno.ENOSYS -> Check.missing(NAME, seen,
                    "kernel built without CONFIG_BPF_SYSCALL: no eBPF probes; /proc and /sys collectors still work");
            case Errno.EPERM, Errno.EACCES -> Check.degraded(NAME, seen,
                    "this process may not use bpf(): no eBPF probes. Run ktel as root or grant CAP_BPF+CAP_PERFMON "
                            + "(e.g. setcap cap_bpf,cap_perfmon+ep, or the container's capabilities)"
                            + (unpriv.orElse(0L) != 0 ? "; unprivileged eBPF is disabled by sysctl" : ""));
            default -> Check.degraded(NAME, seen,
                    "bpf() is present but map creation failed; eBPF probes will likely fail to load the same way");
        };
    }

    private static String describeUnpriv(long v) {
        return switch ((int) v) {
            case 0 -> " (unprivileged eBPF allowed)";
            case 1 -> " (unprivileged eBPF disabled until reboot)";
            case 2 -> " (unprivileged eBPF disabled, admin may re-enable)";
            default -> "";
        };
    }

    private static String describeJit(long v) {
        return switch ((int) v) {
            case 0 -> " (interpreter)";
            case 1 -> " (JIT on)";
            case 2 -> " (JIT on, debug output)";
            default -> "";
        };
    }
}
