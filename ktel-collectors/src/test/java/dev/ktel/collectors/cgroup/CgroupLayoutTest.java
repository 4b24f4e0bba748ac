package dev.ktel.collectors.cgroup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktel.collectors.testing.Collect;
import dev.ktel.core.io.HostPaths;
import dev.ktel.core.text.ParseErrors;
import dev.ktel.core.text.ProcParseException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CgroupLayoutTest {
    private static final HostPaths HOST = HostPaths.of(Path.of("/h/proc"), Path.of("/h/sys"), Path.of("/h"));

    private static CgroupLayout parse(String text, boolean mountinfo, ParseErrors errors) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return CgroupLayout.parse("mounts", b, b.length, mountinfo, HOST, errors);
    }

    @Test
    void hybridMountinfo() {
        CgroupLayout l = parse("""
                30 22 0:27 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755
                31 30 0:28 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu
                32 30 0:29 / /sys/fs/cgroup/cpuacct rw,relatime - cgroup cgroup rw,cpuacct
                34 30 0:31 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory
                39 30 0:36 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,name=systemd
                40 30 0:37 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw
                """, true, ParseErrors.THROW);
        assertThat(l.mode()).isEqualTo(CgroupLayout.Mode.HYBRID);
        assertThat(l.v1("cpu")).isEqualTo(Path.of("/h/sys/fs/cgroup/cpu"));
        assertThat(l.v1("memory")).isEqualTo(Path.of("/h/sys/fs/cgroup/memory"));
        assertThat(l.v1("name=systemd")).isEqualTo(Path.of("/h/sys/fs/cgroup/systemd"));
        assertThat(l.v1("blkio")).isNull();
        assertThat(l.unified()).isEqualTo(Path.of("/h/sys/fs/cgroup/unified"));
        assertThat(l.roots()).hasSize(5);
    }

    @Test
    void pureV2WithOptionalFieldsAndNsdelegate() {
        CgroupLayout l = parse("""
                35 24 0:30 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:9 - cgroup2 cgroup2 rw,nsdelegate,memory_recursiveprot
                """, true, ParseErrors.THROW);
        assertThat(l.mode()).isEqualTo(CgroupLayout.Mode.V2);
        assertThat(l.unified()).isEqualTo(Path.of("/h/sys/fs/cgroup"));
        assertThat(l.v1Controllers()).isEmpty();
    }

    @Test
    void v1CoMountedFromProcMountsFirstMountWins() {
        CgroupLayout l = parse("""
                cgroup /sys/fs/cgroup/cpu,cpuacct cgroup rw,nosuid,nodev,noexec,relatime,cpu,cpuacct 0 0
                cgroup /sys/fs/cgroup/memory cgroup rw,nosuid,nodev,noexec,relatime,memory 0 0
                cgroup /var/lib/bind/memory cgroup rw,memory 0 0
                """, false, ParseErrors.THROW);
        assertThat(l.mode()).isEqualTo(CgroupLayout.Mode.V1);
        assertThat(l.v1("cpu")).isEqualTo(l.v1("cpuacct")).isEqualTo(Path.of("/h/sys/fs/cgroup/cpu,cpuacct"));
        assertThat(l.v1("memory")).isEqualTo(Path.of("/h/sys/fs/cgroup/memory"));
        assertThat(l.roots()).hasSize(2);
    }

    @Test
    void escapedMountPointOutsideSys() {
        CgroupLayout l = parse("1 0 0:1 / /mnt/my\\040cg rw - cgroup2 none rw\n", true, ParseErrors.THROW);
        assertThat(l.unified()).isEqualTo(Path.of("/h/mnt/my cg"));
    }

    @Test
    void malformedLineReportedAndSkipped() {
        List<ProcParseException> errors = new ArrayList<>();
        CgroupLayout l = parse("""
                31 30 0:28 / /sys/fs/cgroup/cpu rw,relatime cgroup cgroup rw,cpu
                40 30 0:37 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw
                """, true, errors::add);
        assertThat(errors).singleElement().satisfies(e -> assertThat(e.getMessage()).startsWith("mounts:1: line:"));
        assertThat(l.mode()).isEqualTo(CgroupLayout.Mode.V2);
    }

    @Test
    void noCgroupMounts() {
        assertThat(parse("21 0 8:1 / / rw - ext4 /dev/sda1 rw\n", true, ParseErrors.THROW).mode())
                .isEqualTo(CgroupLayout.Mode.NONE);
    }

    @Test
    void capturedHostIsHybrid() throws Exception {
        HostPaths paths = Collect.captured("debian12-linux6.18");
        CgroupLayout l = CgroupLayout.detect(paths, ParseErrors.THROW);
        assertThat(l.mode()).isEqualTo(CgroupLayout.Mode.HYBRID);
        assertThat(l.v1("memory")).isEqualTo(CgroupLayout.cgroupfs(paths).resolve("memory"));
        assertThat(l.unified()).isEqualTo(CgroupLayout.cgroupfs(paths).resolve("unified"));
        assertThat(l.v1Controllers()).containsKeys("cpu", "cpuacct", "cpuset", "memory", "devices", "freezer",
                "blkio", "pids", "name=systemd");
    }
}
