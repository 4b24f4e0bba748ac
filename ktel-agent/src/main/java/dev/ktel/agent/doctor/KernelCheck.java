package dev.ktel.agent.doctor;

import dev.ktel.core.io.HostPaths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kernel release ({@code <procfs>/sys/kernel/osrelease}, what {@code uname -r} prints) and architecture
 * ({@code <procfs>/sys/kernel/arch}, 6.1+, else the JVM's {@code os.arch}), and what the version alone allows.
 */
final class KernelCheck implements DoctorCheck {
    static final String NAME = "kernel";
    private static final Pattern VERSION = Pattern.compile("^(\\d+)\\.(\\d+)");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Check run(HostPaths paths) throws Exception {
        Optional<String> release = HostFiles.readTrimmed(paths.proc("sys/kernel/osrelease"));
        String arch = arch(paths);
        if (release.isEmpty()) {
            return Check.missing(NAME, paths.proc("sys/kernel/osrelease") + " does not exist; arch " + arch,
                    "kernel version unknown: ktel cannot tell which eBPF features to expect");
        }
        Matcher m = VERSION.matcher(release.get());
        if (!m.find()) {
            return Check.degraded(NAME, "release \"" + release.get() + "\" (unparsable version), arch " + arch,
                    "kernel version unknown: feature probes below are authoritative");
        }
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        String detail = release.get() + " " + arch;
        List<String> has = new ArrayList<>();
        List<String> lacks = new ArrayList<>();
        (atLeast(major, minor, 4, 20) ? has : lacks).add("PSI (4.20)");
        (atLeast(major, minor, 5, 5) ? has : lacks).add("fentry/tp_btf (5.5)");
        (atLeast(major, minor, 5, 8) ? has : lacks).add("BPF ring buffer and CAP_BPF/CAP_PERFMON (5.8)");
        (atLeast(major, minor, 5, 11) ? has : lacks).add("memcg-accounted BPF memory, no RLIMIT_MEMLOCK bump (5.11)");
        (atLeast(major, minor, 6, 1) ? has : lacks).add("PSI irq (6.1)");
        String impact = (has.isEmpty() ? "" : "version allows: " + String.join(", ", has))
                + (lacks.isEmpty() ? "" : (has.isEmpty() ? "" : "; ") + "too old for: " + String.join(", ", lacks))
                + " (config and privileges are checked below)";
        if (!atLeast(major, minor, 5, 8)) {
            return Check.degraded(NAME, detail, impact);
        }
        return Check.ok(NAME, detail, impact);
    }

    static String arch(HostPaths paths) {
        return HostFiles.readFirstLine(paths.proc("sys/kernel/arch"))
                .filter(s -> !s.isEmpty())
                .orElse(System.getProperty("os.arch", "unknown"));
    }

    private static boolean atLeast(int major, int minor, int wantMajor, int wantMinor) {
        return major > wantMajor || (major == wantMajor && minor >= wantMinor);
    }
}
