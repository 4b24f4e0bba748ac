package dev.ktel.agent.doctor;

import static dev.ktel.agent.doctor.Capabilities.CAP_BPF;
import static dev.ktel.agent.doctor.Capabilities.CAP_DAC_READ_SEARCH;
import static dev.ktel.agent.doctor.Capabilities.CAP_NET_ADMIN;
import static dev.ktel.agent.doctor.Capabilities.CAP_PERFMON;
import static dev.ktel.agent.doctor.Capabilities.CAP_SYSLOG;
import static dev.ktel.agent.doctor.Capabilities.CAP_SYS_ADMIN;
import static dev.ktel.agent.doctor.Capabilities.CAP_SYS_PTRACE;
import static dev.ktel.agent.doctor.Capabilities.CAP_SYS_RESOURCE;

import dev.ktel.core.io.HostPaths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * This process's uid and effective capabilities ({@code Uid:} and {@code CapEff:} of
 * {@code <procfs>/self/status}, see proc_pid_status(5) and capabilities(7)), and what they allow ktel to do.
 */
final class PrivilegesCheck implements DoctorCheck {
    static final String NAME = "privileges";

    /** The capabilities ktel cares about, in the order they are reported. */
    static final int[] RELEVANT = {
        CAP_BPF, CAP_PERFMON, CAP_SYS_ADMIN, CAP_SYS_RESOURCE, CAP_NET_ADMIN, CAP_SYSLOG, CAP_DAC_READ_SEARCH,
        CAP_SYS_PTRACE,
    };

    /** Parsed {@code Uid:} (effective) and {@code CapEff:} lines; -1 uid when absent. */
    record ProcStatus(long euid, Optional<Long> capEff) {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Check run(HostPaths paths) throws Exception {
        Optional<List<String>> lines = HostFiles.readLines(paths.proc("self/status"));
        if (lines.isEmpty()) {
            return Check.missing(NAME, paths.proc("self/status") + " does not exist",
                    "privileges unknown: ktel cannot predict whether eBPF probes or /dev/kmsg will work");
        }
        ProcStatus st = parseStatus(lines.get());
        if (st.capEff().isEmpty()) {
            return Check.degraded(NAME, "no CapEff line in /proc/self/status (uid " + st.euid() + ")",
                    "privileges unknown: ktel cannot predict whether eBPF probes or /dev/kmsg will work");
        }
        long caps = st.capEff().get();
        long dmesgRestrict = HostFiles.readLong(paths.proc("sys/kernel/dmesg_restrict")).orElse(0L);

        StringBuilder detail = new StringBuilder();
        detail.append("uid ").append(st.euid()).append(", CapEff 0x").append(String.format("%016x", caps)).append(": ");
        List<String> set = Capabilities.decode(caps);
        if (set.isEmpty()) {
            detail.append("no capabilities");
        } else if (set.size() <= 12) {
            detail.append(String.join(", ", set));
        } else {
            List<String> absent = Capabilities.absent(caps);
            detail.append(set.size()).append(" capabilities");
            if (!absent.isEmpty()) {
                detail.append(", all known except ").append(String.join(", ", absent));
            }
        }
        detail.append("; ktel-relevant:");
        for (int bit : RELEVANT) {
            detail.append(' ').append(Capabilities.name(bit)).append(Capabilities.has(caps, bit) ? "=yes" : "=no");
        }

        boolean bpfCaps = Capabilities.has(caps, CAP_BPF) && Capabilities.has(caps, CAP_PERFMON);
        boolean sysAdmin = Capabilities.has(caps, CAP_SYS_ADMIN);
        boolean ebpf = bpfCaps || sysAdmin;
        boolean kmsg = dmesgRestrict == 0 || Capabilities.has(caps, CAP_SYSLOG);

        List<String> can = new ArrayList<>();
        List<String> cannot = new ArrayList<>();
        if (ebpf) {
            can.add("load eBPF probes (" + (bpfCaps ? "CAP_BPF+CAP_PERFMON" : "CAP_SYS_ADMIN") + ")");
        } else {
            cannot.add("load eBPF probes (needs CAP_BPF+CAP_PERFMON, or CAP_SYS_ADMIN)");
        }
        if (kmsg) {
            can.add("read /dev/kmsg (" + (dmesgRestrict == 0 ? "kernel.dmesg_restrict=0" : "CAP_SYSLOG") + ")");
        } else {
            cannot.add("read /dev/kmsg (kernel.dmesg_restrict=1 requires CAP_SYSLOG)");
        }
        if (Capabilities.has(caps, CAP_SYS_RESOURCE)) {
            can.add("raise RLIMIT_MEMLOCK for BPF maps (kernels before 5.11)");
        } else {
            cannot.add("raise RLIMIT_MEMLOCK (CAP_SYS_RESOURCE; only matters for BPF maps on kernels before 5.11)");
        }
        if (Capabilities.has(caps, CAP_NET_ADMIN)) {
            can.add("attach tc/XDP network programs (CAP_NET_ADMIN)");
        } else {
            cannot.add("attach tc/XDP network programs (CAP_NET_ADMIN)");
        }
        if (Capabilities.has(caps, CAP_DAC_READ_SEARCH)) {
            can.add("read root-only files and resolve cgroup ids to paths (CAP_DAC_READ_SEARCH)");
        } else {
            cannot.add("read root-only files or resolve cgroup ids via open_by_handle_at (CAP_DAC_READ_SEARCH)");
        }
        if (Capabilities.has(caps, CAP_SYS_PTRACE)) {
            can.add("read other users' /proc/<pid>/io and stack (CAP_SYS_PTRACE)");
        } else {
            cannot.add("read other users' /proc/<pid>/io and stack (CAP_SYS_PTRACE)");
        }
        String impact = (can.isEmpty() ? "" : "can " + String.join("; ", can))
                + (cannot.isEmpty() ? "" : (can.isEmpty() ? "" : ". ") + "cannot " + String.join("; ", cannot));
        return ebpf && kmsg
                ? Check.ok(NAME, detail.toString(), impact)
                : Check.degraded(NAME, detail.toString(), impact);
    }

    /**
     * Whether the {@code CapEff} of {@code <procfs>/self/status} allows loading tracing eBPF programs
     * (CAP_BPF+CAP_PERFMON, or CAP_SYS_ADMIN); empty when the file or line is missing.
     */
    static Optional<Boolean> mayLoadTracingPrograms(HostPaths paths) throws java.io.IOException {
        return HostFiles.readLines(paths.proc("self/status"))
                .flatMap(l -> parseStatus(l).capEff())
                .map(caps -> Capabilities.has(caps, CAP_BPF) && Capabilities.has(caps, CAP_PERFMON)
                        || Capabilities.has(caps, CAP_SYS_ADMIN));
    }

    static ProcStatus parseStatus(List<String> lines) {
        long euid = -1;
        Optional<Long> capEff = Optional.empty();
        for (String line : lines) {
            if (line.startsWith("Uid:")) {
                String[] f = line.substring(4).strip().split("\\s+");
                if (f.length >= 2) {
                    euid = Long.parseLong(f[1]);
                } else if (f.length == 1 && !f[0].isEmpty()) {
                    euid = Long.parseLong(f[0]);
                }
            } else if (line.startsWith("CapEff:")) {
                capEff = Optional.of(Capabilities.parseMask(line.substring(7)));
            }
        }
        return new ProcStatus(euid, capEff);
    }
}
