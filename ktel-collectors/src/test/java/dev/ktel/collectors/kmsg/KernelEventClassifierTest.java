package dev.ktel.collectors.kmsg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktel.core.event.Event;
import dev.ktel.core.event.Severity;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Grouping rules that the corpus shows only indirectly. */
class KernelEventClassifierTest {
    private final List<Event> out = new ArrayList<>();
    private final KernelEventClassifier c = new KernelEventClassifier("h", usec -> usec * 1000, out::add);
    private long seq;

    private void rec(int level, long tsUsec, String msg) {
        c.accept(KmsgRecord.of(level, ++seq, tsUsec, msg));
    }

    @Test
    void aPauseEndsAReportAndLaterLinesAreTheirOwnEvents() {
        rec(4, 1_000_000, "------------[ cut here ]------------");
        rec(4, 1_000_010, "WARNING: CPU: 1 PID: 7 at net/core/dev.c:123 foo+0x1/0x2");
        rec(4, 1_000_020, "Modules linked in: x");
        rec(6, 9_000_000, "eth0: renamed from veth1"); // 8 s later: not part of the splat
        c.flush();
        assertThat(out).extracting(Event::type).containsExactly("warn", "log");
        assertThat(out.getFirst().message().lines()).hasSize(3);
        assertThat(out.getFirst().attribute("function")).isEqualTo("foo");
        assertThat(out.get(1).timestampNanos()).isEqualTo(9_000_000_000L);
    }

    @Test
    void aNewReportClosesThePreviousOne() {
        rec(3, 10, "INFO: task a:1 blocked for more than 120 seconds.");
        rec(3, 20, "INFO: task b:2 blocked for more than 120 seconds.");
        c.flush();
        assertThat(out).extracting(e -> e.attribute("comm")).containsExactly("a", "b");
    }

    @Test
    void afterTheEndMarkerOnlyReportBoilerplateIsAbsorbed() {
        rec(4, 10, "BUG: kernel NULL pointer dereference, address: 0000000000000008");
        rec(1, 11, "Oops: 0000 [#1] SMP NOPTI");
        rec(4, 12, "---[ end trace 0000000000000000 ]---");
        rec(0, 13, "Kernel panic - not syncing: Fatal exception");
        rec(6, 14, "usb 1-1: new high-speed USB device number 2 using xhci_hcd");
        c.flush();
        assertThat(out).extracting(Event::type).containsExactly("log", "oops");
        Event oops = out.get(1);
        assertThat(oops.attribute("panic")).isEqualTo("true");
        assertThat(oops.attribute("oops_number")).isEqualTo("1");
        assertThat(oops.severity()).isEqualTo(Severity.EMERG); // the panic record's level
    }

    @Test
    void oneLineEventsInsideAReportStayOnTheirOwn() {
        rec(4, 10, "INFO: task a:1 blocked for more than 120 seconds.");
        rec(6, 11, "nf_conntrack: table full, dropping packet");
        rec(4, 12, "Call Trace:");
        c.flush();
        assertThat(out).extracting(Event::type).containsExactly("conntrack_full", "hung_task");
        assertThat(out.get(1).message()).contains("Call Trace:").doesNotContain("nf_conntrack");
    }

    @Test
    void unknownLinesKeepTheirPriority() {
        rec(0, 10, "RDSEED32 is broken. Disabling the corresponding CPUID bit.");
        rec(7, 11, "debug chatter");
        assertThat(out).extracting(Event::type).containsExactly("log", "log");
        assertThat(out).extracting(Event::severity).containsExactly(Severity.EMERG, Severity.DEBUG);
        assertThat(c.hasPending()).isFalse();
    }

    @Test
    void typedEventsAreAtLeastAsSevereAsTheirTypeSays() {
        rec(6, 10, "a.out[5]: segfault at 0 ip 0000000000401000 sp 00007ffc00000000 error 4 in a.out[400000+1000]");
        rec(7, 11, "cgroup: fork rejected by pids controller in /x");
        c.flush();
        assertThat(out).extracting(Event::severity).containsExactly(Severity.WARNING, Severity.WARNING);
    }

    @Test
    void oomKillCarriesTheCgroupKey() {
        rec(4, 10, "python3 invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0");
        rec(4, 11, "oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=/,mems_allowed=0,oom_memcg=/t,"
                + "task_memcg=/t/job,task=python3,pid=77,uid=0");
        rec(3, 12, "Memory cgroup out of memory: Killed process 77 (python3) total-vm:1kB, anon-rss:2kB, file-rss:3kB, "
                + "shmem-rss:0kB, UID:0 pgtables:4kB oom_score_adj:0");
        assertThat(out).isEmpty(); // the reaper line may follow
        rec(6, 13, "oom_reaper: reaped process 77 (python3), now anon-rss:0kB, file-rss:0kB, shmem-rss:0kB");
        assertThat(out).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo("oom_kill");
            assertThat(e.key().cgroup()).isEqualTo("/t/job");
            assertThat(e.attribute("oom_memcg")).isEqualTo("/t");
            assertThat(e.attribute("reaped")).isEqualTo("true");
            assertThat(e.severity()).isEqualTo(Severity.ERR);
            assertThat(e.sequence()).isEqualTo(1);
        });
    }
}
