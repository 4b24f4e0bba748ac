package dev.ktel.bpf.libbpf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktel.bpf.BpfSupport;
import dev.ktel.bpf.KernelAssumptions;
import dev.ktel.bpf.Syscalls;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Real kernel, test object selftest.bpf.o: .rodata set from Java, a program failing at load (missing
 * tp_btf hook) and one failing at attach (missing raw tracepoint) are reported and the good one runs,
 * feeding a ring buffer and a hash map.
 */
@Tag("bpf")
class BpfObjectKernelTest {
    private static final int N = 500;

    @BeforeEach
    void needsKernel() {
        KernelAssumptions.assumeBpf("selftest");
    }

    @Test
    void failingProgramsAreReportedAndTheRestRun() throws Exception {
        byte[] elf = BpfSupport.object(getClass().getClassLoader(), "selftest");
        int pid = (int) ProcessHandle.current().pid();
        try (BpfObject o = BpfObject.open("selftest", elf, obj -> {
            MemorySegment cfg = obj.map(".rodata").initialValue();
            cfg.set(ValueLayout.JAVA_INT, 0, pid);
            cfg.set(ValueLayout.JAVA_INT, 4, (int) Syscalls.SYS_GETPPID);
        })) {
            o.load();
            List<BpfLink> links = o.attachAll();
            assertThat(links).extracting(BpfLink::program).containsExactly("selftest_enter");
            assertThat(o.failures()).extracting(BpfObject.ProgramFailure::program, BpfObject.ProgramFailure::stage)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("selftest_missing_btf", "load"),
                            org.assertj.core.groups.Tuple.tuple("selftest_missing_raw", "attach"));
            assertThat(o.failures().get(0).log()).contains("ktel_no_such_tracepoint");
            assertThat(o.failures().get(1).message()).contains("errno 2");

            ConcurrentLinkedQueue<long[]> events = new ConcurrentLinkedQueue<>();
            BpfRingBuffer rb = BpfRingBuffer.start(o.map("selftest_events"), data -> events.add(new long[] {
                    data.get(ValueLayout.JAVA_INT, 0), data.get(ValueLayout.JAVA_INT, 4), data.get(ValueLayout.JAVA_LONG, 8)}), 50);
            for (int i = 0; i < N; i++) {
                Syscalls.getppid();
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (events.size() < N && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(events).hasSizeGreaterThanOrEqualTo(N);
            assertThat(events).allSatisfy(e -> {
                assertThat(e[0]).isEqualTo(pid);
                assertThat(e[2]).isEqualTo(Syscalls.SYS_GETPPID);
            });
            assertThat(rb.handlerErrors()).isZero();

            // the hash map: iterate keys (tids of this process) and sum the counts
            BpfMap counts = o.map("selftest_counts");
            assertThat(counts.perCpu()).isFalse();
            long total = 0;
            try (Arena a = Arena.ofConfined()) {
                MemorySegment key = a.allocate(4);
                MemorySegment next = a.allocate(4);
                MemorySegment value = a.allocate(counts.valueBufferSize());
                MemorySegment k = MemorySegment.NULL;
                while (counts.nextKey(k, next)) {
                    assertThat(counts.lookup(next, value)).isTrue();
                    total += value.get(ValueLayout.JAVA_LONG, 0);
                    MemorySegment.copy(next, 0, key, 0, 4);
                    k = key;
                }
            }
            assertThat(total).isGreaterThanOrEqualTo(N);
        }
    }
}
