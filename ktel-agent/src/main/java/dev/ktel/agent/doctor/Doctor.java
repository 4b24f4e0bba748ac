package dev.ktel.agent.doctor;

import dev.ktel.core.io.HostPaths;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code ktel doctor}: runs every {@link DoctorCheck} against a host and collects a {@link DoctorReport}. File
 * checks read under the given {@link HostPaths}; syscall checks (bpf, perf_event_open, libbpf) always probe the
 * running kernel and this process's privileges, since that is what the agent will run with.
 */
public final class Doctor {
    private final HostPaths paths;
    private final List<DoctorCheck> checks;

    public Doctor(HostPaths paths) {
        this(paths, defaultChecks());
    }

    public Doctor(HostPaths paths, List<DoctorCheck> checks) {
        this.paths = Objects.requireNonNull(paths, "paths");
        this.checks = List.copyOf(checks);
    }

    /** The built-in checks, in report order. */
    public static List<DoctorCheck> defaultChecks() {
        List<DoctorCheck> checks = new java.util.ArrayList<>(List.of(
                new KernelCheck(),
                new BtfCheck(),
                new PrivilegesCheck(),
                new BpfSyscallCheck(),
                new LibbpfCheck(),
                new TracefsCheck(),
                new KprobesCheck(),
                new CgroupCheck(),
                new PsiCheck(),
                new KmsgCheck(),
                new PstoreCheck(),
                new PerfEventsCheck(),
                new SchedstatCheck(),
                new LockdownCheck()));
        checks.addAll(EbpfProbesCheck.all()); // one row per eBPF probe: loaded, or why not
        return List.copyOf(checks);
    }

    /** Runs all checks; never throws: a failing check becomes a row with status {@code error}. */
    public DoctorReport run() {
        List<Check> rows = new ArrayList<>(checks.size());
        for (DoctorCheck check : checks) {
            rows.add(runOne(check));
        }
        return new DoctorReport(
                HostFiles.readFirstLine(paths.proc("sys/kernel/hostname")).orElse("unknown"),
                HostFiles.readFirstLine(paths.proc("sys/kernel/osrelease")).orElse("unknown"),
                KernelCheck.arch(paths),
                rows);
    }

    private Check runOne(DoctorCheck check) {
        String name;
        try {
            name = check.name();
        } catch (RuntimeException e) {
            name = check.getClass().getSimpleName();
        }
        try {
            Check result = check.run(paths);
            return result != null ? result : new Check(name, Status.ERROR, "check returned no result", "");
        } catch (Exception | LinkageError e) {
            return Check.error(name, e);
        }
    }
}
