package dev.ktel.agent.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktel.core.io.HostPaths;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file-based checks on crafted trees, and the doctor's own error handling. */
class DoctorFakeTreeChecksTest {

    @Test
    void emptyTreeGivesNoErrorRowsAndEveryCheck(@TempDir Path tmp) {
        DoctorReport r = new Doctor(new FakeTree(tmp).paths).run();
        assertThat(r.checks()).extracting(Check::name).containsExactlyElementsOf(DoctorLiveHostTest.ALL_CHECKS);
        assertThat(r.checks()).as(r.toText()).noneMatch(c -> c.status() == Status.ERROR);
        assertThat(r.host()).isEqualTo("unknown");
        assertThat(r.kernel()).isEqualTo("unknown");
        for (String fileBased : List.of("kernel", "btf", "privileges", "tracefs", "cgroups", "psi", "kmsg", "pstore",
                "schedstat", "lockdown")) {
            assertThat(r.find(fileBased).orElseThrow().status()).as(fileBased).isEqualTo(Status.MISSING);
        }
    }

    @Test
    void kernelVersionGatesFeatures(@TempDir Path tmp) throws Exception {
        FakeTree t = new FakeTree(tmp).proc("sys/kernel/osrelease", "4.19.0-27-amd64\n").proc("sys/kernel/arch", "x86_64\n");
        Check old = new KernelCheck().run(t.paths);
        assertThat(old.status()).isEqualTo(Status.DEGRADED);
        assertThat(old.detail()).isEqualTo("4.19.0-27-amd64 x86_64");
        assertThat(old.impact()).contains("too old for: PSI (4.20)").contains("BPF ring buffer");
        t.proc("sys/kernel/osrelease", "6.1.0-18-arm64\n").proc("sys/kernel/arch", "aarch64\n");
        Check recent = new KernelCheck().run(t.paths);
        assertThat(recent.status()).isEqualTo(Status.OK);
        assertThat(recent.detail()).isEqualTo("6.1.0-18-arm64 aarch64");
        assertThat(recent.impact()).doesNotContain("too old");
        t.proc("sys/kernel/osrelease", "weird\n");
        assertThat(new KernelCheck().run(t.paths).status()).isEqualTo(Status.DEGRADED);
    }

    @Test
    void btfSizeIsReported(@TempDir Path tmp) throws Exception {
        FakeTree t = new FakeTree(tmp).sys("kernel/btf/vmlinux", "x".repeat(3 * 1024 * 1024));
        Check c = new BtfCheck().run(t.paths);
        assertThat(c.status()).isEqualTo(Status.OK);
        assertThat(c.detail()).contains("3145728 bytes (3 MiB)");
        t.sys("kernel/btf/vmlinux", "");
        assertThat(new BtfCheck().run(t.paths).status()).isEqualTo(Status.DEGRADED);
    }

    @Test
    void tracefsAndKprobesWhenMounted(@TempDir Path tmp) throws Exception {
        FakeTree t = new FakeTree(tmp)
                .proc("mounts", "tracefs /sys/kernel/tracing tracefs rw,nosuid,nodev,noexec,relatime 0 0\n")
                .sys("kernel/tracing/available_events", "sched:sched_switch\nsched:sched_wakeup\nirq:irq_handler_entry\n")
                .sys("kernel/btf/vmlinux", "btf");
        Check tr = new TracefsCheck().run(t.paths);
        assertThat(tr.status()).isEqualTo(Status.OK);
        assertThat(tr.detail()).isEqualTo("mounted at /sys/kernel/tracing; 3 tracepoint events available");

        Check noKprobes = new KprobesCheck().run(t.paths);
        assertThat(noKprobes.status()).isEqualTo(Status.MISSING);
        assertThat(noKprobes.detail()).contains("/sys/kernel/tracing/kprobe_events does not exist");
        assertThat(noKprobes.impact()).contains("tracepoints, raw tracepoints, tp_btf and fentry instead")
                .contains("need BTF, which is present");

        t.sys("kernel/tracing/kprobe_events", "");
        assertThat(new KprobesCheck().run(t.paths).status()).isEqualTo(Status.OK);
    }

    @Test
    void tracefsUnmountedSaysHowToMount(@TempDir Path tmp) throws Exception {
        FakeTree t = new FakeTree(tmp).proc("mounts", "proc /proc proc rw 0 0\n")
                .proc("filesystems", "nodev\tsysfs\nnodev\ttracefs\n\text4\n");
        Check c = new TracefsCheck().run(t.paths);
        assertThat(c.status()).isEqualTo(Status.MISSING);
        assertThat(c.detail()).contains("the kernel supports tracefs");
        assertThat(c.impact()).contains("ktel mounts it at /sys/kernel/tracing when run as root")
                .contains("mount -t tracefs tracefs /sys/kernel/tracing");
        t.proc("filesystems", "nodev\tsysfs\n\text4\n");
        assertThat(new TracefsCheck().run(t.paths).detail()).contains("CONFIG_TRACING");
    }

    @Test
    void kprobePmuCountsWithoutTracefs(@TempDir Path tmp) throws Exception {
        FakeTree t = new FakeTree(tmp).proc("mounts", "").dir("sys/bus/event_source/devices/kprobe");
        Check c = new KprobesCheck().run(t.paths);
        assertThat(c.status()).isEqualTo(Status.OK);
        assertThat(c.detail()).contains("tracefs not mounted").contains("devices/kprobe exists");
    }

    @Test
    void psiPartialAndComplete(@TempDir Path tmp) throws Exception {
        String line = "some avg10=0.00 avg60=0.00 avg300=0.00 total=0\nfull avg10=0.00 avg60=0.00 avg300=0.00 total=0\n";
        FakeTree t = new FakeTree(tmp).proc("pressure/cpu", line).proc("pressure/memory", line).proc("pressure/io", line);
        Check partial = new PsiCheck().run(t.paths);
        assertThat(partial.status()).isEqualTo(Status.DEGRADED);
        assertThat(partial.detail()).isEqualTo("/proc/pressure: readable cpu, memory, io; absent irq");
        assertThat(partial.impact()).contains("no irq pressure").contains("CONFIG_IRQ_TIME_ACCOUNTING");
        t.proc("pressure/irq", "full avg10=0.00 avg60=0.00 avg300=0.00 total=0\n");
        assertThat(new PsiCheck().run(t.paths).status()).isEqualTo(Status.OK);
    }

    @Test
    void kmsgOpenableFileIsOk(@TempDir Path tmp) throws Exception {
        FakeTree t = new FakeTree(tmp).proc("sys/kernel/dmesg_restrict", "1\n");
        java.nio.file.Files.createDirectories(tmp.resolve("dev"));
        java.nio.file.Files.writeString(tmp.resolve("dev/kmsg"), "6,1,0,-;hello\n");
        Check c = new KmsgCheck().run(t.paths);
        assertThat(c.status()).isEqualTo(Status.OK);
        assertThat(c.detail()).isEqualTo("/dev/kmsg opened for reading; kernel.dmesg_restrict=1");
        // opening does not consume: the content is untouched
        assertThat(java.nio.file.Files.readString(tmp.resolve("dev/kmsg"))).isEqualTo("6,1,0,-;hello\n");
    }

    @Test
    void pstoreMountedWithRecords(@TempDir Path tmp) throws Exception {
        FakeTree t = new FakeTree(tmp)
                .proc("mounts", "pstore /sys/fs/pstore pstore rw,nosuid,nodev,noexec,relatime 0 0\n")
                .sys("fs/pstore/dmesg-efi-170000000001", "Panic#1 Part1\n")
                .sys("fs/pstore/dmesg-efi-170000000002", "Panic#1 Part2\n")
                .sys("module/pstore/parameters/backend", "efi_pstore\n");
        Check c = new PstoreCheck().run(t.paths);
        assertThat(c.status()).isEqualTo(Status.OK);
        assertThat(c.detail()).isEqualTo("mounted at /sys/fs/pstore, 2 records; backend efi_pstore");
        assertThat(c.impact()).contains("postmortem");
    }

    @Test
    void schedstatVariants(@TempDir Path tmp) throws Exception {
        FakeTree t = new FakeTree(tmp).proc("self/schedstat", "1 2 3\n");
        assertThat(new SchedstatCheck().run(t.paths).status()).isEqualTo(Status.DEGRADED);
        t.proc("schedstat", "version 17\ntimestamp 1\n");
        assertThat(new SchedstatCheck().run(t.paths).status()).isEqualTo(Status.OK);
    }

    @Test
    void lockdownModes(@TempDir Path tmp) throws Exception {
        FakeTree t = new FakeTree(tmp).sys("kernel/security/lockdown", "[none] integrity confidentiality\n");
        assertThat(new LockdownCheck().run(t.paths).status()).isEqualTo(Status.OK);
        t.sys("kernel/security/lockdown", "none integrity [confidentiality]\n");
        Check c = new LockdownCheck().run(t.paths);
        assertThat(c.status()).isEqualTo(Status.DEGRADED);
        assertThat(c.detail()).contains("active: confidentiality");
        assertThat(c.impact()).contains("bpf_probe_read_kernel");
    }

    @Test
    void failingCheckBecomesErrorRowAndCallersCanAddRows(@TempDir Path tmp) {
        DoctorCheck boom = new DoctorCheck() {
            @Override
            public String name() {
                return "boom";
            }

            @Override
            public Check run(HostPaths paths) {
                throw new IllegalStateException("kaboom at /proc/nowhere");
            }
        };
        DoctorCheck linkage = new DoctorCheck() {
            @Override
            public String name() {
                return "linkage";
            }

            @Override
            public Check run(HostPaths paths) {
                throw new UnsatisfiedLinkError("no libfoo");
            }
        };
        DoctorReport r = new Doctor(new FakeTree(tmp).paths, List.of(boom, linkage, new BtfCheck())).run();
        assertThat(r.checks()).extracting(Check::name).containsExactly("boom", "linkage", "btf");
        assertThat(r.checks().get(0).status()).isEqualTo(Status.ERROR);
        assertThat(r.checks().get(0).detail()).isEqualTo("java.lang.IllegalStateException: kaboom at /proc/nowhere");
        assertThat(r.checks().get(1).detail()).contains("no libfoo");

        r.add(Check.ok("collector loadavg", "enabled", "load averages"));
        assertThat(r.checks()).hasSize(4);
        assertThat(r.summary()).containsEntry(Status.ERROR, 2).containsEntry(Status.OK, 1)
                .containsEntry(Status.MISSING, 1).containsEntry(Status.DEGRADED, 0);
        assertThat(r.toText()).contains("collector loadavg").contains("4 checks: 1 ok, 1 missing, 0 degraded, 2 error");
        assertThat(r.toJson()).contains("\"error\":2").contains("\"name\":\"collector loadavg\"");
        MiniJson.parse(r.toJson());
    }

    @Test
    void jsonEscapesAwkwardText() {
        DoctorReport r = new DoctorReport("h\"x", "k", "a",
                List.of(new Check("q", Status.DEGRADED, "tab\there \"quoted\" back\\slash\nnewline", null)));
        @SuppressWarnings("unchecked")
        var root = (java.util.Map<String, Object>) MiniJson.parse(r.toJson());
        assertThat(root.get("host")).isEqualTo("h\"x");
        @SuppressWarnings("unchecked")
        var row = ((List<java.util.Map<String, Object>>) root.get("checks")).getFirst();
        assertThat(row.get("detail")).isEqualTo("tab\there \"quoted\" back\\slash\nnewline");
        assertThat(row.get("impact")).isEqualTo("");
    }

    @Test
    void bpfWithoutTracingCapabilitiesIsNotOk(@TempDir Path tmp) throws Exception {
        // The syscall probes the running kernel; the crafted status says this process has no capabilities.
        FakeTree t = new FakeTree(tmp).proc("self/status", DoctorPrivilegesTest.status("1000", "0000000000000000"))
                .proc("sys/kernel/unprivileged_bpf_disabled", "0\n").proc("sys/net/core/bpf_jit_enable", "0\n");
        Check c = new BpfSyscallCheck().run(t.paths);
        assertThat(c.status()).isIn(Status.DEGRADED, Status.MISSING);
        assertThat(c.detail()).contains("kernel.unprivileged_bpf_disabled=0 (unprivileged eBPF allowed)")
                .contains("net.core.bpf_jit_enable=0 (interpreter)");
        if (c.detail().contains("succeeded")) {
            assertThat(c.impact()).contains("tracing programs need CAP_BPF+CAP_PERFMON").contains("interpreter");
        }
    }

    @Test
    void wrapKeepsWordsAndWidth() {
        assertThat(DoctorReport.wrap("aa bb cc dd", 5)).containsExactly("aa bb", "cc dd");
        assertThat(DoctorReport.wrap("averyveryverylongword x", 5)).containsExactly("averyveryverylongword", "x");
        assertThat(DoctorReport.wrap("", 5)).containsExactly("");
    }
}
