package dev.ktel.agent.doctor;

import dev.ktel.core.io.HostPaths;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kernel lockdown mode from {@code <sysfs>/kernel/security/lockdown} (securityfs; the active mode is bracketed,
 * e.g. {@code [none] integrity confidentiality}). See kernel_lockdown(7).
 */
final class LockdownCheck implements DoctorCheck {
    static final String NAME = "lockdown";
    private static final Pattern ACTIVE = Pattern.compile("\\[(\\w+)]");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Check run(HostPaths paths) throws Exception {
        Optional<String> content = HostFiles.readTrimmed(paths.sys("kernel/security/lockdown"));
        if (content.isEmpty()) {
            boolean securityfs = Mounts.read(paths).ofType("securityfs").stream()
                    .anyMatch(m -> m.mountPoint().equals("/sys/kernel/security"));
            if (securityfs) {
                return Check.ok(NAME, "securityfs mounted, no lockdown file: lockdown LSM not built in",
                        "no lockdown restrictions on eBPF or perf");
            }
            return Check.missing(NAME, "/sys/kernel/security/lockdown does not exist (securityfs not mounted or "
                            + "lockdown LSM absent); lockdown state unknown",
                    "cannot tell: under lockdown=confidentiality, bpf_probe_read_kernel and kernel perf sampling are "
                            + "refused and eBPF probes reading kernel memory fail");
        }
        Matcher m = ACTIVE.matcher(content.get());
        String mode = m.find() ? m.group(1) : "unknown";
        String detail = "lockdown: " + content.get() + " (active: " + mode + ")";
        return switch (mode) {
            case "none" -> Check.ok(NAME, detail, "no lockdown restrictions on eBPF or perf");
            case "integrity" -> Check.ok(NAME, detail,
                    "integrity mode blocks writing kernel memory (e.g. bpf_probe_write_user), which ktel does not "
                            + "use; read-only eBPF tracing works");
            case "confidentiality" -> Check.degraded(NAME, detail,
                    "confidentiality mode refuses bpf_probe_read_kernel, kernel perf sampling and tracefs: eBPF "
                            + "probes that read kernel memory fail; /proc and /sys collectors still work");
            default -> Check.degraded(NAME, detail, "unrecognised lockdown mode: eBPF behaviour unknown");
        };
    }
}
