package dev.ktel.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcFileTest {

    @Test
    void rereadsFreshContentAndGrowsPastInitialCapacity(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("stat");
        Files.writeString(f, "short\n");
        try (ProcFile pf = new ProcFile(f, 4)) {
            int n = pf.read();
            assertThat(new String(pf.bytes(), 0, n, StandardCharsets.UTF_8)).isEqualTo("short\n");
            String big = "x".repeat(10_000);
            Files.writeString(f, big);
            assertThat(pf.read()).isEqualTo(10_000);
            assertThat(new String(pf.bytes(), 0, pf.length(), StandardCharsets.UTF_8)).isEqualTo(big);
        }
    }

    @Test
    void readsProcfsFilesThatReportSizeZero() throws Exception {
        Path p = Path.of("/proc/self/status");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(p), "no procfs");
        try (ProcFile pf = new ProcFile(p, 16)) {
            int n = pf.read();
            assertThat(Files.size(p)).isZero();
            assertThat(new String(pf.bytes(), 0, n, StandardCharsets.UTF_8)).startsWith("Name:").contains("VmRSS:");
        }
    }

    @Test
    void readLongAndMissingFiles(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("mtu");
        Files.writeString(f, "1500\n");
        try (ProcFile pf = new ProcFile(f)) {
            assertThat(pf.readLong()).isEqualTo(1500);
        }
        try (ProcFile missing = new ProcFile(dir.resolve("nope"))) {
            assertThatThrownBy(missing::read).isInstanceOf(NoSuchFileException.class);
        }
    }
}
