package dev.ktel.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktel.core.metric.SampleRecorder;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelfMetricsTest {

    @Test
    void openFdsFollowsTheDescriptorsThisProcessHolds(@TempDir Path tmp) throws Exception {
        SelfMetrics self = new SelfMetrics("test", "unknown");
        double before = openFds(self);
        long listed;
        try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
            listed = s.count() - 1; // the listing's own descriptor
        }
        // other test threads may open or close a few files meanwhile
        assertThat(before).isBetween(listed - 8.0, listed + 8.0);
        List<RandomAccessFile> files = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                files.add(new RandomAccessFile(Files.createFile(tmp.resolve("f" + i)).toFile(), "r"));
            }
            assertThat(openFds(self)).isBetween(before + 42, before + 58);
        } finally {
            for (RandomAccessFile f : files) {
                f.close();
            }
        }
    }

    private static double openFds(SelfMetrics self) {
        SampleRecorder rec = new SampleRecorder();
        self.write(rec);
        return rec.value("process_open_fds").orElseThrow();
    }
}
