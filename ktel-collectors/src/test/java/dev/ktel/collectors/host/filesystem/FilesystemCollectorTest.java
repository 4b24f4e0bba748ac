package dev.ktel.collectors.host.filesystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ktel.collectors.testing.Collect;
import dev.ktel.collectors.testing.SharedFixtures;
import dev.ktel.core.io.HostPaths;
import dev.ktel.core.metric.SampleRecorder;
import dev.ktel.core.text.ParseErrors;
import dev.ktel.core.text.ProcParseException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesystemCollectorTest {

    /** A fake statvfs: 4 KiB blocks, 1000 total, 400 free, 300 available, 100 inodes, 60 free. */
    private static final StatVfs FAKE = (path, out) -> {
        out[StatVfs.BLOCK_SIZE] = 4096;
        out[StatVfs.BLOCKS] = 1000;
        out[StatVfs.BLOCKS_FREE] = 400;
        out[StatVfs.BLOCKS_AVAIL] = 300;
        out[StatVfs.FILES] = 100;
        out[StatVfs.FILES_FREE] = 60;
        return null;
    };

    private static Mounts parseInfo(String text, List<ProcParseException> errors) {
        Mounts m = new Mounts();
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        new MountInfoParser().parseMountInfo("/proc/1/mountinfo", b, b.length, m, errors::add);
        return m;
    }

    @Test
    void parsesMountInfoWithOptionalFieldsEscapesAndReadOnly() {
        List<ProcParseException> errors = new ArrayList<>();
        Mounts m = parseInfo("""
                29 1 259:2 / / rw,relatime shared:1 master:2 - ext4 /dev/dm-2 errors=remount-ro,data=ordered
                48 45 260:3 / /mnt/my\\040disk ro,relatime - ext2 /dev/sda3 rw
                49 45 0:40 / /srv rw,relatime - xfs /dev/sdb1 rw,emergency_ro
                50 45 0:41 / /data rw,relatime - fuse.sshfs host:/a\\134b rw,rofoo future-field
                """, errors);
        assertThat(errors).isEmpty();
        assertThat(m.count).isEqualTo(4);
        assertThat(m.mountPoint[0]).isEqualTo("/");
        assertThat(m.device[0]).isEqualTo("/dev/dm-2");
        assertThat(m.fsType[0]).isEqualTo("ext4");
        assertThat(m.major[0]).isEqualTo("259");
        assertThat(m.minor[0]).isEqualTo("2");
        assertThat(m.readOnly[0]).isFalse(); // errors=remount-ro is not ro
        assertThat(m.mountPoint[1]).isEqualTo("/mnt/my disk");
        assertThat(m.readOnly[1]).isTrue();
        assertThat(m.readOnly[2]).isTrue();
        assertThat(m.device[3]).isEqualTo("host:/a\\b");
        assertThat(m.readOnly[3]).isFalse();
    }

    @Test
    void reportsMalformedMountInfoLines() {
        List<ProcParseException> errors = new ArrayList<>();
        Mounts m = parseInfo("""
                29 1 259:2 / / rw,relatime shared:1 ext4 /dev/dm-2 rw
                30 1 x:2 / /boot rw - ext4 /dev/sda1 rw
                31 1 8:1 / /home rw - ext4 /dev/sda2 rw
                """, errors);
        assertThat(m.count).isEqualTo(1);
        assertThat(m.mountPoint[0]).isEqualTo("/home");
        assertThat(errors).extracting(Throwable::getMessage).satisfiesExactly(
                e -> assertThat(e).startsWith("/proc/1/mountinfo:1: line: expected"),
                e -> assertThat(e).startsWith("/proc/1/mountinfo:2: field 3 (major:minor): expected N:M, got \"x:2\""));
    }

    @Test
    void parsesProcMountsFallback() {
        Mounts m = new Mounts();
        byte[] b = "/dev/root / ext4 ro,relatime 0 0\nbroken\n".getBytes(StandardCharsets.UTF_8);
        List<ProcParseException> errors = new ArrayList<>();
        new MountInfoParser().parseMounts("/proc/mounts", b, b.length, m, errors::add);
        assertThat(m.count).isEqualTo(1);
        assertThat(m.readOnly[0]).isTrue();
        assertThat(m.major[0]).isEqualTo("0");
        assertThat(errors).singleElement().satisfies(e -> assertThat(e).hasMessageStartingWith("/proc/mounts:2:"));
    }

    @Test
    void rootMountOfThisHostHasASize() throws Exception {
        SampleRecorder rec = Collect.once(new FilesystemCollector.Factory(), HostPaths.host(), Map.of(),
                ParseErrors.IGNORE);
        assertThat(rec.value("node_filesystem_size_bytes", "mountpoint", "/")).hasValueSatisfying(
                v -> assertThat(v).isPositive());
        assertThat(rec.value("node_filesystem_device_error", "mountpoint", "/")).contains(0.0);
        assertThat(rec.value("node_filesystem_mount_info", "mountpoint", "/")).contains(1.0);
        // /proc and /sys are excluded by default
        assertThat(rec.samples("node_filesystem_readonly")).noneMatch(s -> s.label("mountpoint").equals("/proc"));
    }

    @Test
    void capturedFixtureWithFakeStatvfs() throws Exception {
        SampleRecorder rec = Collect.once(new FilesystemCollector.Factory(FAKE), Collect.captured("debian12-linux6.18"));
        assertThat(rec.value("node_filesystem_size_bytes", "device", "/dev/vda", "mountpoint", "/", "fstype", "ext4",
                "device_error", "")).contains(4096.0 * 1000);
        assertThat(rec.value("node_filesystem_avail_bytes", "mountpoint", "/")).contains(4096.0 * 300);
        assertThat(rec.value("node_filesystem_files_free", "mountpoint", "/")).contains(60.0);
        assertThat(rec.value("node_filesystem_mount_info", "device", "/dev/vda", "major", "254", "minor", "0"))
                .contains(1.0);
        assertThat(rec.samples("node_filesystem_size_bytes")).noneMatch(s -> s.label("fstype").equals("cgroup"));
    }

    @Test
    void statErrorsBecomeDeviceError() throws Exception {
        StatVfs denied = (path, out) -> path.endsWith("/boot") ? "permission denied" : FAKE.stat(path, out);
        SampleRecorder rec = Collect.once(new FilesystemCollector.Factory(denied), SharedFixtures.nodeExporter(),
                Map.of(), ParseErrors.THROW);
        assertThat(rec.value("node_filesystem_device_error", "mountpoint", "/boot", "device_error",
                "permission denied")).contains(1.0);
        assertThat(rec.value("node_filesystem_readonly", "mountpoint", "/boot")).contains(0.0);
        assertThat(rec.value("node_filesystem_size_bytes", "mountpoint", "/boot")).isEmpty();
        // escaped mount points are decoded
        assertThat(rec.samples("node_filesystem_size_bytes")).anyMatch(s -> s.label("mountpoint")
                .contains("[vsanDatastore] bafb9e5a"));
    }

    @Test
    void hungStatvfsTimesOutAndIsSkippedUntilItReturns(@TempDir Path tmp) throws Exception {
        // a network mount can hang statvfs; local file systems are stat'ed on the collecting thread
        Path info = Files.createDirectories(tmp.resolve("proc/1")).resolve("mountinfo");
        Files.writeString(info, "26 1 8:1 / / rw,relatime - ext4 /dev/sda1 rw\n"
                + "27 26 0:50 / /boot rw,relatime - nfs4 server:/export rw\n");
        HostPaths paths = HostPaths.of(tmp.resolve("proc"), tmp.resolve("sys"), Path.of("/"));
        CountDownLatch release = new CountDownLatch(1);
        List<String> calls = java.util.Collections.synchronizedList(new ArrayList<>());
        StatVfs hanging = (path, out) -> {
            calls.add(path);
            if (path.endsWith("/boot")) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return FAKE.stat(path, out);
        };
        var factory = new FilesystemCollector.Factory(hanging);
        var ctx = new dev.ktel.collectors.CollectorContext("filesystem", paths,
                Map.of("mount-timeout", "200ms"), ParseErrors.THROW);
        try (var c = factory.create(ctx)) {
            SampleRecorder first = new SampleRecorder();
            long t0 = System.nanoTime();
            c.collect(first);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
            assertThat(first.value("node_filesystem_device_error", "mountpoint", "/boot", "device_error",
                    "mountpoint timeout")).contains(1.0);
            assertThat(first.value("node_filesystem_size_bytes", "mountpoint", "/")).isPresent();

            SampleRecorder second = new SampleRecorder();
            c.collect(second);
            assertThat(calls.stream().filter(p -> p.endsWith("/boot"))).hasSize(1); // not retried while stuck
            assertThat(second.value("node_filesystem_device_error", "mountpoint", "/boot")).contains(1.0);

            release.countDown();
            Thread.sleep(100);
            SampleRecorder third = new SampleRecorder();
            c.collect(third);
            assertThat(third.value("node_filesystem_device_error", "mountpoint", "/boot", "device_error", ""))
                    .contains(0.0);
        }
    }

    @Test
    void mountTableChangesAreSeenAndEveryCollectStatsAfresh(@TempDir Path tmp) throws Exception {
        Path info = Files.createDirectories(tmp.resolve("proc/1")).resolve("mountinfo");
        String root = "26 1 8:1 / / rw,relatime - ext4 /dev/sda1 rw\n";
        Files.writeString(info, root);
        long[] free = {400};
        List<String> calls = java.util.Collections.synchronizedList(new ArrayList<>());
        List<String> threads = java.util.Collections.synchronizedList(new ArrayList<>());
        StatVfs counting = (path, out) -> {
            calls.add(path);
            threads.add(Thread.currentThread().getName());
            FAKE.stat(path, out);
            out[StatVfs.BLOCKS_FREE] = free[0];
            return null;
        };
        HostPaths paths = HostPaths.of(tmp.resolve("proc"), tmp.resolve("sys"), Path.of("/"));
        try (var c = new FilesystemCollector.Factory(counting).create(new dev.ktel.collectors.CollectorContext(
                "filesystem", paths, Map.of(), ParseErrors.THROW))) {
            SampleRecorder first = new SampleRecorder();
            c.collect(first);
            assertThat(first.samples("node_filesystem_size_bytes")).extracting(s -> s.label("mountpoint"))
                    .containsExactly("/");
            free[0] = 200;
            SampleRecorder second = new SampleRecorder();
            c.collect(second);
            assertThat(second.value("node_filesystem_free_bytes", "mountpoint", "/")).contains(200.0 * 4096);
            Files.writeString(info, root + "27 26 8:2 / /data rw,relatime - xfs /dev/sda2 ro\n");
            SampleRecorder third = new SampleRecorder();
            c.collect(third);
            assertThat(third.value("node_filesystem_readonly", "mountpoint", "/data")).contains(1.0);
            assertThat(calls).containsExactly("/", "/", "/", "/data");
            // ext4 and xfs answer from memory: no hand-off to the statvfs worker
            assertThat(threads).containsOnly(Thread.currentThread().getName());
        }
    }

    @Test
    void parsesGoDurations() {
        assertThat(FilesystemCollector.parseDuration("5s")).isEqualTo(Duration.ofSeconds(5));
        assertThat(FilesystemCollector.parseDuration("1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(FilesystemCollector.parseDuration("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThatThrownBy(() -> FilesystemCollector.parseDuration("5")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void procfsCorpusMountInfo() throws Exception {
        Path p = SharedFixtures.procfs().proc("26231/mountinfo");
        byte[] b = Files.readAllBytes(p);
        List<ProcParseException> errors = new ArrayList<>();
        Mounts m = new Mounts();
        new MountInfoParser().parseMountInfo(p.toString(), b, b.length, m, errors::add);
        assertThat(m.count).isGreaterThan(3);
        assertThat(errors).isEmpty();
    }
}
