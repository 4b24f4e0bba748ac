package dev.ktel.agent.doctor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Capability decoding and the privileges check on crafted /proc/self/status files. */
class DoctorPrivilegesTest {

    static String status(String uid, String capEff) {
        return "Name:\tjava\nUmask:\t0022\nState:\tR (running)\nUid:\t" + uid + "\t" + uid + "\t" + uid + "\t" + uid
                + "\nGid:\t0\t0\t0\t0\nCapInh:\t0000000000000000\nCapPrm:\t" + capEff + "\nCapEff:\t" + capEff
                + "\nCapBnd:\t000001ffffffffff\nCapAmb:\t0000000000000000\nNoNewPrivs:\t0\n";
    }

    @Test
    void decodesMasksIntoNames() {
        assertThat(Capabilities.decode(0)).isEmpty();
        assertThat(Capabilities.decode(Capabilities.parseMask("000000c000000000"))).containsExactly("CAP_PERFMON", "CAP_BPF");
        assertThat(Capabilities.decode(1L << 21 | 1L << 34)).containsExactly("CAP_SYS_ADMIN", "CAP_SYSLOG");
        assertThat(Capabilities.decode(1L << 2 | 1L << 12 | 1L << 24))
                .containsExactly("CAP_DAC_READ_SEARCH", "CAP_NET_ADMIN", "CAP_SYS_RESOURCE");
        long root = Capabilities.parseMask("000001fffeffffff");
        assertThat(Capabilities.decode(root)).hasSize(40).contains("CAP_BPF", "CAP_CHECKPOINT_RESTORE")
                .doesNotContain("CAP_SYS_RESOURCE");
        assertThat(Capabilities.absent(root)).containsExactly("CAP_SYS_RESOURCE");
        assertThat(Capabilities.decode(1L << 45 | 1L << 63)).containsExactly("cap_45", "cap_63");
        assertThat(Capabilities.parseMask("ffffffffffffffff")).isEqualTo(-1L);
        assertThatThrownBy(() -> Capabilities.parseMask("zz")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Capabilities.parseMask("00000000000000000")).hasMessageContaining("16 hex digits");
    }

    @Test
    void unprivilegedUserWithDmesgRestrictIsDegraded(@TempDir Path tmp) throws Exception {
        FakeTree t = new FakeTree(tmp).proc("self/status", status("1000", "0000000000000000"))
                .proc("sys/kernel/dmesg_restrict", "1\n");
        Check c = new PrivilegesCheck().run(t.paths);
        assertThat(c.status()).isEqualTo(Status.DEGRADED);
        assertThat(c.detail()).startsWith("uid 1000, CapEff 0x0000000000000000: no capabilities")
                .contains("CAP_BPF=no").contains("CAP_SYSLOG=no");
        assertThat(c.impact()).contains("cannot load eBPF probes (needs CAP_BPF+CAP_PERFMON, or CAP_SYS_ADMIN)")
                .contains("read /dev/kmsg (kernel.dmesg_restrict=1 requires CAP_SYSLOG)");
    }

    @Test
    void bpfAndPerfmonAllowEbpfAndDmesgUnrestrictedAllowsKmsg(@TempDir Path tmp) throws Exception {
        FakeTree t = new FakeTree(tmp).proc("self/status", status("998", "000000c000000000"))
                .proc("sys/kernel/dmesg_restrict", "0\n");
        Check c = new PrivilegesCheck().run(t.paths);
        assertThat(c.status()).isEqualTo(Status.OK);
        assertThat(c.detail()).startsWith("uid 998, CapEff 0x000000c000000000: CAP_PERFMON, CAP_BPF;")
                .contains("CAP_BPF=yes CAP_PERFMON=yes CAP_SYS_ADMIN=no");
        assertThat(c.impact()).contains("can load eBPF probes (CAP_BPF+CAP_PERFMON)")
                .contains("read /dev/kmsg (kernel.dmesg_restrict=0)");
    }

    @Test
    void sysAdminAloneAllowsEbpf(@TempDir Path tmp) throws Exception {
        FakeTree t = new FakeTree(tmp).proc("self/status", status("0", "0000000400200000"))
                .proc("sys/kernel/dmesg_restrict", "1\n");
        Check c = new PrivilegesCheck().run(t.paths);
        assertThat(c.status()).isEqualTo(Status.OK);
        assertThat(c.detail()).contains("CAP_SYS_ADMIN, CAP_SYSLOG");
        assertThat(c.impact()).contains("can load eBPF probes (CAP_SYS_ADMIN)").contains("read /dev/kmsg (CAP_SYSLOG)");
    }

    @Test
    void missingOrIncompleteStatus(@TempDir Path tmp) throws Exception {
        FakeTree t = new FakeTree(tmp);
        assertThat(new PrivilegesCheck().run(t.paths).status()).isEqualTo(Status.MISSING);
        t.proc("self/status", "Name:\tjava\nUid:\t5\t6\t7\t8\n");
        Check c = new PrivilegesCheck().run(t.paths);
        assertThat(c.status()).isEqualTo(Status.DEGRADED);
        assertThat(c.detail()).contains("no CapEff").contains("uid 6");
    }

    @Test
    void garbageMaskBecomesAnErrorRowThroughTheDoctor(@TempDir Path tmp) {
        FakeTree t = new FakeTree(tmp).proc("self/status", "Uid:\t0\t0\t0\t0\nCapEff:\tnot-hex\n");
        DoctorReport r = new Doctor(t.paths, java.util.List.of(new PrivilegesCheck())).run();
        Check c = r.checks().getFirst();
        assertThat(c.status()).isEqualTo(Status.ERROR);
        assertThat(c.detail()).contains("NumberFormatException").contains("not-hex");
    }
}
