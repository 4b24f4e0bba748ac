package dev.ktel.collectors.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ktel.core.io.HostPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The third-party fixture corpora in {@code ../shared/fixtures} (read in place, never copied into the
 * project). Tests that need them call these methods, which skip the test with the missing path named when
 * the directory is absent. Unpacked archives are cached for the whole test JVM.
 */
public final class SharedFixtures {
    private static Path nodeExporterTree;
    private static Path procfsTree;

    private SharedFixtures() {
    }

    /** The shared/ directory; skips the test when missing. */
    public static Path shared() {
        String prop = System.getProperty("ktel.shared");
        Path p = prop != null ? Path.of(prop) : Path.of("../../shared");
        if (!Files.isDirectory(p)) {
            p = Path.of("../shared");
        }
        assumeTrue(Files.isDirectory(p.resolve("fixtures")),
                "shared fixtures not found at " + p.toAbsolutePath().normalize() + " (set -Dktel.shared=DIR)");
        return p;
    }

    public static Path fixtures() {
        return shared().resolve("fixtures");
    }

    /**
     * node_exporter's fixture tree: proc and usr read in place (copied with links kept), sys and udev
     * unpacked from their ttar archives. Paths are set as node_exporter's end-to-end test sets them.
     */
    public static synchronized HostPaths nodeExporter() {
        Path ne = fixtures().resolve("node_exporter");
        if (nodeExporterTree == null) {
            try {
                Path tmp = Files.createTempDirectory("ktel-ne-fixtures");
                Ttar.unpack(ne.resolve("sys.ttar"), tmp);
                Ttar.unpack(ne.resolve("udev.ttar"), tmp);
                nodeExporterTree = tmp;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new HostPaths(ne.resolve("proc"), nodeExporterTree.resolve("sys"), ne,
                nodeExporterTree.resolve("udev/data"));
    }

    /** The golden scrape of node_exporter on its own fixture tree. */
    public static Path nodeExporterGolden() {
        return fixtures().resolve("node_exporter/e2e-output.txt");
    }

    /** prometheus/procfs's fixture tree (many kernel generations, some files broken on purpose). */
    public static synchronized HostPaths procfs() {
        if (procfsTree == null) {
            try {
                Path tmp = Files.createTempDirectory("ktel-procfs-fixtures");
                Ttar.unpack(fixtures().resolve("procfs/fixtures.ttar"), tmp);
                procfsTree = tmp.resolve("fixtures");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return HostPaths.of(procfsTree.resolve("proc"), procfsTree.resolve("sys"), procfsTree);
    }
}
