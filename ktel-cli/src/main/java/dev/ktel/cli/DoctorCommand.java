package dev.ktel.cli;

import dev.ktel.agent.doctor.Check;
import dev.ktel.agent.doctor.Doctor;
import dev.ktel.agent.doctor.DoctorReport;
import dev.ktel.collectors.CollectorRegistry;
import dev.ktel.collectors.CollectorSelection;
import dev.ktel.collectors.CollectorSet;
import dev.ktel.core.io.HostPaths;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ktel doctor}: what this kernel and these privileges allow, and why; plus which collectors can run
 * here. Exit code 0 whatever it finds (it reports, it does not judge); 2 only when it cannot run at all.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Capability matrix of this host: kernel, BTF, bpf() and capabilities, tracefs and kprobes, "
                + "cgroup layout, PSI, /dev/kmsg, pstore, perf events; and what ktel can and cannot do because of each."})
final class DoctorCommand implements Callable<Integer> {
    private final CollectorRegistry registry;

    @Option(names = "--json", description = "Print the same report as JSON.")
    boolean json;

    @Option(names = "--path.procfs", paramLabel = "DIR", description = "procfs mount point (default: /proc).")
    Path procfs = Path.of("/proc");

    @Option(names = "--path.sysfs", paramLabel = "DIR", description = "sysfs mount point (default: /sys).")
    Path sysfs = Path.of("/sys");

    @Option(names = "--path.rootfs", paramLabel = "DIR", description = "Root filesystem of the host (default: /).")
    Path rootfs = Path.of("/");

    DoctorCommand(CollectorRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Integer call() {
        HostPaths paths = new HostPaths(procfs, sysfs, rootfs, rootfs.resolve("run/udev/data"));
        DoctorReport report = new Doctor(paths).run();
        addCollectorRows(report, paths);
        System.out.print(json ? report.toJson() + "\n" : report.toText());
        return 0;
    }

    static void addCollectorRows(DoctorReport report, HostPaths paths) {
        try (CollectorSet set = CollectorSet.create(registry(), CollectorSelection.defaults(), paths)) {
            report.add(Check.ok("collectors", set.active().size() + " host collectors can run: "
                    + set.active().stream().map(CollectorSet.Active::name).collect(Collectors.joining(", ")),
                    "their metrics are on /metrics"));
            for (CollectorSet.Unavailable u : set.unavailable()) {
                report.add(Check.missing("collector:" + u.name(), u.reason(),
                        "the " + u.name() + " collector's metrics are absent on this host"));
            }
        } catch (RuntimeException e) {
            report.add(Check.error("collectors", e));
        }
    }

    private static CollectorRegistry registry() {
        return CollectorRegistry.discover();
    }
}
