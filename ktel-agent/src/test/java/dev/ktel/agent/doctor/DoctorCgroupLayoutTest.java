package dev.ktel.agent.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cgroup layout detection on crafted mount tables (v1, v2, hybrid, none). */
class DoctorCgroupLayoutTest {
    // systemd on a cgroup v1 host (RHEL 7/8 style): options mix mount flags, release_agent= and controllers.
    static final String V1_MOUNTS = """
            sysfs /sys sysfs rw,nosuid,nodev,noexec,relatime 0 0
            tmpfs /sys/fs/cgroup tmpfs ro,nosuid,nodev,noexec,mode=755 0 0
            cgroup /sys/fs/cgroup/systemd cgroup rw,nosuid,nodev,noexec,relatime,xattr,release_agent=/usr/lib/systemd/systemd-cgroups-agent,name=systemd 0 0
            cgroup /sys/fs/cgroup/cpu,cpuacct cgroup rw,nosuid,nodev,noexec,relatime,cpu,cpuacct 0 0
            cgroup /sys/fs/cgroup/memory cgroup rw,nosuid,nodev,noexec,relatime,memory 0 0
            cgroup /sys/fs/cgroup/net_cls,net_prio cgroup rw,nosuid,nodev,noexec,relatime,net_cls,net_prio 0 0
            """;
    static final String V2_MOUNTS = """
            sysfs /sys sysfs rw,nosuid,nodev,noexec,relatime 0 0
            cgroup2 /sys/fs/cgroup cgroup2 rw,nosuid,nodev,noexec,relatime,nsdelegate,memory_recursiveprot 0 0
            """;
    static final String HYBRID_MOUNTS = """
            tmpfs /sys/fs/cgroup tmpfs rw,relatime,mode=755 0 0
            cgroup /sys/fs/cgroup/cpu cgroup rw,relatime,cpu 0 0
            cgroup /sys/fs/cgroup/memory cgroup rw,relatime,memory 0 0
            cgroup /sys/fs/cgroup/systemd cgroup rw,relatime,name=systemd 0 0
            cgroup2 /sys/fs/cgroup/unified cgroup2 rw,relatime 0 0
            """;
    static final String PROC_CGROUPS = """
            #subsys_name	hierarchy	num_cgroups	enabled
            cpuset	3	1	1
            cpu	1	1	1
            cpuacct	2	1	1
            memory	4	21	1
            net_cls	0	1	1
            net_prio	0	1	1
            """;

    @Test
    void v1HierarchiesListControllersNotMountFlags() {
        CgroupLayout l = CgroupLayout.detect(Mounts.parse(V1_MOUNTS.lines().toList()),
                CgroupLayout.parseProcCgroups(PROC_CGROUPS.lines().toList()));
        assertThat(l.kind()).isEqualTo(CgroupLayout.Kind.V1);
        assertThat(l.cgroup2MountPoints()).isEmpty();
        assertThat(l.v1()).containsExactly(
                new CgroupLayout.V1Hierarchy("/sys/fs/cgroup/systemd", List.of("name=systemd")),
                new CgroupLayout.V1Hierarchy("/sys/fs/cgroup/cpu,cpuacct", List.of("cpu", "cpuacct")),
                new CgroupLayout.V1Hierarchy("/sys/fs/cgroup/memory", List.of("memory")),
                new CgroupLayout.V1Hierarchy("/sys/fs/cgroup/net_cls,net_prio", List.of("net_cls", "net_prio")));
    }

    @Test
    void newControllerFromProcCgroupsIsRecognised() {
        Mounts m = Mounts.parse(List.of("cgroup /sys/fs/cgroup/newctl cgroup rw,relatime,newctl 0 0"));
        assertThat(CgroupLayout.detect(m, Set.of()).v1().getFirst().controllers()).isEmpty();
        assertThat(CgroupLayout.detect(m, Set.of("newctl")).v1().getFirst().controllers()).containsExactly("newctl");
    }

    @Test
    void v1CheckIsDegradedWithoutCgroup2(@TempDir Path tmp) throws Exception {
        FakeTree t = new FakeTree(tmp).proc("mounts", V1_MOUNTS).proc("cgroups", PROC_CGROUPS)
                .proc("self/cgroup", "4:memory:/user.slice\n2:cpu,cpuacct:/user.slice\n1:name=systemd:/user.slice\n");
        Check c = new CgroupCheck().run(t.paths);
        assertThat(c.status()).isEqualTo(Status.DEGRADED);
        assertThat(c.detail()).startsWith("v1:").contains("cpu,cpuacct at /sys/fs/cgroup/cpu,cpuacct")
                .contains("name=systemd at /sys/fs/cgroup/systemd").doesNotContain("cgroup2 at")
                .doesNotContain("hybrid").contains("no cgroup2 membership line");
        assertThat(c.impact()).contains("no per-cgroup PSI").contains("bpf_get_current_cgroup_id() returns the cgroup2 id");
    }

    @Test
    void v2CheckReadsControllersAndSelfPath(@TempDir Path tmp) throws Exception {
        FakeTree t = new FakeTree(tmp).proc("mounts", V2_MOUNTS)
                .proc("self/cgroup", "0::/user.slice/user-1000.slice/session-2.scope\n")
                .sys("fs/cgroup/cgroup.controllers", "cpuset cpu io memory hugetlb pids rdma misc\n");
        Check c = new CgroupCheck().run(t.paths);
        assertThat(c.status()).isEqualTo(Status.OK);
        assertThat(c.detail()).isEqualTo("v2: cgroup2 at /sys/fs/cgroup with controllers: "
                + "cpuset,cpu,io,memory,hugetlb,pids,rdma,misc; this process: cgroup2 "
                + "/user.slice/user-1000.slice/session-2.scope");
        assertThat(c.impact()).contains("per-cgroup PSI").contains("only in the cgroup2 tree")
                .contains("bpf_get_current_cgroup_id() returns the cgroup2 id");
    }

    @Test
    void hybridNamesUnifiedMountAndItsControllers(@TempDir Path tmp) throws Exception {
        FakeTree t = new FakeTree(tmp).proc("mounts", HYBRID_MOUNTS).proc("cgroups", PROC_CGROUPS)
                .proc("self/cgroup", "4:memory:/a\n1:cpu:/\n0::/\n")
                .sys("fs/cgroup/unified/cgroup.controllers", "\n");
        CgroupLayout l = CgroupLayout.detect(Mounts.parse(HYBRID_MOUNTS.lines().toList()), Set.of());
        assertThat(l.kind()).isEqualTo(CgroupLayout.Kind.HYBRID);
        assertThat(l.cgroup2()).contains("/sys/fs/cgroup/unified");

        Check c = new CgroupCheck().run(t.paths);
        assertThat(c.status()).isEqualTo(Status.DEGRADED);
        assertThat(c.detail()).startsWith("hybrid:")
                .contains("cgroup2 at /sys/fs/cgroup/unified with controllers: none")
                .contains("this process: cgroup2 /");
        assertThat(c.impact()).contains("no controllers").contains("directories under /sys/fs/cgroup/unified");
    }

    @Test
    void noCgroupMountsIsMissing(@TempDir Path tmp) throws Exception {
        FakeTree t = new FakeTree(tmp).proc("mounts", "proc /proc proc rw 0 0\n");
        Check c = new CgroupCheck().run(t.paths);
        assertThat(c.status()).isEqualTo(Status.MISSING);
        assertThat(c.detail()).startsWith("none:");
    }

    @Test
    void mountPointsWithEscapedBlanksAreDecoded() {
        Mounts m = Mounts.parse(List.of("cgroup2 /mnt/my\\040cgroups cgroup2 rw 0 0", "short line"));
        assertThat(m.all()).hasSize(1);
        assertThat(m.all().getFirst().mountPoint()).isEqualTo("/mnt/my cgroups");
        assertThat(Mounts.unescape("a\\134b\\01")).isEqualTo("a\\b\\01");
    }
}
