package dev.ktel.agent.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktel.core.io.HostPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs the real doctor on the machine running the tests; expectations are derived from the files directly. */
class DoctorLiveHostTest {
    static final List<String> ALL_CHECKS = List.of("kernel", "btf", "privileges", "bpf_syscall", "libbpf",
            "tracefs", "kprobes", "cgroups", "psi", "kmsg", "pstore", "perf_events", "schedstat", "lockdown",
            "probe:ebpf_syscall", "probe:ebpf_runqueue", "probe:ebpf_block",
            "probe:ebpf_net");

    static DoctorReport report;

    @BeforeAll
    static void runDoctor() {
        report = new Doctor(HostPaths.host()).run();
    }

    private static Check row(String name) {
        return report.find(name).orElseThrow(() -> new AssertionError("no row " + name + " in\n" + report.toText()));
    }

    @Test
    void matrixHasEveryCheckOnceInOrder() {
        assertThat(report.checks()).extracting(Check::name).containsExactlyElementsOf(ALL_CHECKS);
    }

    @Test
    void ebpfProbeRowSaysHowTheProbeRunsOrWhyNot() {
        Check probe = report.checks().stream().filter(c -> c.name().equals("probe:ebpf_syscall")).findFirst().orElseThrow();
        if (probe.status() == Status.OK) {
            assertThat(probe.detail()).startsWith("attached: on by default; hook ");
        } else {
            assertThat(probe.detail()).as("a probe that is not OK says why").isNotBlank();
        }
    }

    @Test
    void noCheckFailsUnexpectedlyOnThisHost() {
        assertThat(report.checks()).as(report.toText()).noneMatch(c -> c.status() == Status.ERROR);
        assertThat(report.checks()).allSatisfy(c -> {
            assertThat(c.detail()).as(c.name()).isNotBlank();
            assertThat(c.impact()).as(c.name()).isNotBlank();
        });
    }

    @Test
    void kernelRowAndHeaderCarryOsRelease() throws IOException {
        String release = Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip();
        assertThat(report.kernel()).isEqualTo(release);
        assertThat(row("kernel").detail()).startsWith(release);
        assertThat(report.toText()).contains("kernel " + release);
    }

    @Test
    void btfOkIffVmlinuxExists() {
        boolean exists = Files.exists(Path.of("/sys/kernel/btf/vmlinux"));
        assertThat(row("btf").status() == Status.OK).isEqualTo(exists);
        assertThat(row("btf").status()).isEqualTo(exists ? Status.OK : Status.MISSING);
    }

    @Test
    void cgroupSaysHybridIffUnifiedIsCgroup2Mount() throws IOException {
        boolean unifiedIsCgroup2 = false;
        boolean anyV1 = false;
        boolean anyV2 = false;
        for (String line : Files.readAllLines(Path.of("/proc/mounts"))) {
            String[] f = line.split(" ");
            unifiedIsCgroup2 |= f[1].equals("/sys/fs/cgroup/unified") && f[2].equals("cgroup2");
            anyV1 |= f[2].equals("cgroup");
            anyV2 |= f[2].equals("cgroup2");
        }
        Check cg = row("cgroups");
        if (unifiedIsCgroup2) {
            assertThat(cg.detail()).startsWith("hybrid:").contains("cgroup2 at /sys/fs/cgroup/unified");
        }
        if (!(anyV1 && anyV2)) {
            assertThat(cg.detail()).doesNotContain("hybrid");
        }
        assertThat(cg.detail().startsWith("hybrid")).isEqualTo(anyV1 && anyV2);
    }

    @Test
    void privilegesShowTheCapEffOfThisProcess() throws IOException {
        String capEff = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("CapEff:")).findFirst().orElseThrow().substring(7).strip();
        assertThat(row("privileges").detail()).contains("CapEff 0x" + capEff);
        long mask = Long.parseUnsignedLong(capEff, 16);
        boolean bpf = (mask >>> 39 & 1) == 1 && (mask >>> 38 & 1) == 1 || (mask >>> 21 & 1) == 1;
        assertThat(row("privileges").impact()).contains(bpf ? "can load eBPF probes" : "cannot load eBPF probes");
    }

    @Test
    void psiAndSchedstatMatchTheFiles() {
        boolean allPsi = List.of("cpu", "memory", "io", "irq").stream()
                .allMatch(r -> Files.exists(Path.of("/proc/pressure", r)));
        boolean anyPsi = Files.isDirectory(Path.of("/proc/pressure"));
        assertThat(row("psi").status()).isEqualTo(allPsi ? Status.OK : anyPsi ? Status.DEGRADED : Status.MISSING);

        boolean cpu = Files.exists(Path.of("/proc/schedstat"));
        boolean task = Files.exists(Path.of("/proc/self/schedstat"));
        assertThat(row("schedstat").status())
                .isEqualTo(cpu && task ? Status.OK : cpu || task ? Status.DEGRADED : Status.MISSING);
    }

    @Test
    void kprobesOkIffKprobeEventsExist() {
        boolean kprobes = Files.isDirectory(Path.of("/sys/bus/event_source/devices/kprobe"))
                || Files.exists(Path.of("/sys/kernel/tracing/kprobe_events"))
                || Files.exists(Path.of("/sys/kernel/debug/tracing/kprobe_events"));
        assertThat(row("kprobes").status()).isEqualTo(kprobes ? Status.OK : Status.MISSING);
        if (!kprobes) {
            assertThat(row("kprobes").impact()).contains("tracepoints, raw tracepoints, tp_btf and fentry");
        }
    }

    @Test
    void syscallChecksReportWhatTheyCalled() {
        assertThat(row("bpf_syscall").detail()).contains("BPF_MAP_CREATE").contains("kernel.unprivileged_bpf_disabled=");
        assertThat(row("perf_events").detail()).contains("software cpu-clock: ").contains("hardware cycles: ");
        assertThat(row("libbpf").detail()).contains("libbpf.so.1");
    }

    @Test
    void jsonCarriesTheSameRows() {
        String json = report.toJson();
        assertThat(json).contains("\"checks\"");
        @SuppressWarnings("unchecked")
        Map<String, Object> root = (Map<String, Object>) MiniJson.parse(json);
        assertThat(root).containsKeys("host", "kernel", "checks", "summary");
        assertThat(root.get("kernel")).isEqualTo(report.kernel());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> checks = (List<Map<String, Object>>) root.get("checks");
        assertThat(checks).hasSize(report.checks().size());
        for (int i = 0; i < checks.size(); i++) {
            Check c = report.checks().get(i);
            assertThat(checks.get(i)).containsOnlyKeys("name", "status", "detail", "impact")
                    .containsEntry("name", c.name())
                    .containsEntry("status", c.status().label())
                    .containsEntry("detail", c.detail())
                    .containsEntry("impact", c.impact());
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> summary = (Map<String, Object>) root.get("summary");
        assertThat(summary.get("total")).isEqualTo((double) ALL_CHECKS.size());
        double sum = 0;
        for (Status s : Status.values()) {
            sum += (Double) summary.get(s.label());
        }
        assertThat(sum).isEqualTo(ALL_CHECKS.size());
    }

    @Test
    void textTableListsEveryRowWithStatus() {
        String text = report.toText();
        for (Check c : report.checks()) {
            assertThat(text).containsPattern("(?m)^" + c.name() + " +" + c.status().label() + " ");
        }
        assertThat(text).contains(ALL_CHECKS.size() + " checks:");
        Optional<String> longest = text.lines().max((a, b) -> Integer.compare(a.length(), b.length()));
        assertThat(longest.orElseThrow().length()).as("wrapped lines").isLessThan(140);
    }
}
