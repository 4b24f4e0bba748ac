package dev.ktel.bpf.probe.block;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktel.bpf.KernelAssumptions;
import dev.ktel.bpf.ProbeSelfCollector;
import dev.ktel.collectors.Collector;
import dev.ktel.collectors.CollectorContext;
import dev.ktel.core.io.HostPaths;
import dev.ktel.core.metric.RecordedSample;
import dev.ktel.core.metric.SampleRecorder;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real kernel: O_DIRECT writes of a file in a temp dir reach its block device and show as write requests. */
@Tag("bpf")
class BlockIoLatencyCollectorKernelTest {
    private static final int WRITES = 32;
    private static final int BLOCK = 4096;

    @TempDir
    Path dir;

    @Test
    void directWritesShowInTheWriteHistogram() throws Exception {
        KernelAssumptions.assumeBpf(BlockIoLatencyCollector.OBJECT);
        Path file = dir.resolve("direct.bin");
        CollectorContext ctx = CollectorContext.forTest("ebpf_block", HostPaths.host());
        try (Collector c = BlockIoLatencyCollector.Factory.create(ctx, Path.of("/sys/kernel/btf/vmlinux"),
                Path.of("/proc/self/status"), getClass().getClassLoader())) {
            double before = writes(collect(c));
            try (FileChannel ch = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    com.sun.nio.file.ExtendedOpenOption.DIRECT))) {
                ByteBuffer buf = ByteBuffer.allocateDirect(2 * BLOCK).alignedSlice(BLOCK).limit(BLOCK);
                for (int i = 0; i < WRITES; i++) {
                    buf.clear().limit(BLOCK);
                    ch.write(buf, (long) i * BLOCK);
                }
                ch.force(true);
            } catch (UnsupportedOperationException | java.io.IOException e) {
                Assumptions.abort("O_DIRECT not supported on " + dir + ": " + e);
            }
            SampleRecorder after = collect(c);
            assertThat(writes(after) - before).as("write requests seen").isGreaterThanOrEqualTo(WRITES);
            assertThat(after.value("ktel_probe_up", "probe", "block_io_latency")).contains(1.0);
            // the device label is a name from /sys/dev/block, not a number
            assertThat(after.samples("ktel_block_io_latency_seconds_count")).extracting(s -> s.labels().get("device"))
                    .anyMatch(d -> !d.contains(":"));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static SampleRecorder collect(Collector c) throws Exception {
        SampleRecorder r = new SampleRecorder();
        c.collect(r);
        new ProbeSelfCollector().collect(r); // ktel_probe_up etc. for all probes
        return r;
    }

    private static double writes(SampleRecorder r) {
        return r.samples("ktel_block_io_latency_seconds_count").stream()
                .filter(s -> s.labels().get("operation").equals("write")).mapToDouble(RecordedSample::value).sum();
    }
}
