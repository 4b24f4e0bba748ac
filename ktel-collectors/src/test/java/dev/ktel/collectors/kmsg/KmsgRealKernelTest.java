package dev.ktel.collectors.kmsg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ktel.core.event.Event;
import dev.ktel.core.text.ProcParseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against the running kernel (root only): a process in a memory cgroup limited to 32 MiB allocates past the
 * limit, and the OOM kill must come back from /dev/kmsg as an {@code oom_kill} event with the victim's pid, comm
 * and cgroup. The cgroup hierarchy (v1 memory controller or cgroup2) is detected from /proc/self/mountinfo.
 */
class KmsgRealKernelTest {
    private static final Path DEV_KMSG = Path.of("/dev/kmsg");

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void nonBlockingReadsEndWithEmpty() throws IOException {
        assumeReadableKmsg();
        try (KmsgReader reader = new KmsgReader(NativeKmsgDevice.open(DEV_KMSG), null, "")) {
            List<KmsgRecord> seen = new ArrayList<>();
            reader.poll(listener(seen), Integer.MAX_VALUE);
            assertThat(seen).isNotEmpty();
            assertThat(reader.lastSeq()).isEqualTo(seen.getLast().seq());
            assertThat(NativeKmsgDevice.bootEpochNanos()).isBetween(0L, System.currentTimeMillis() * 1_000_000L);
        }
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void memoryCgroupOomKillBecomesAnOomKillEvent() throws Exception {
        assumeReadableKmsg();
        String bootId = KmsgReader.readBootId(KmsgSource.BOOT_ID);
        Path state = dir.resolve("kmsg.state");
        try (KmsgReader before = new KmsgReader(NativeKmsgDevice.open(DEV_KMSG), state, bootId)) {
            before.poll(listener(new ArrayList<>()), Integer.MAX_VALUE);
        }
        Hierarchy h = memoryHierarchy();
        assumeTrue(h != null, "no cgroup v1 memory hierarchy and no cgroup2 with the memory controller mounted");
        String name = "ktel-test-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
        Path cg = h.root.resolve(name);
        Process p = null;
        try {
            Files.createDirectory(cg);
            if (h.v2) {
                Files.writeString(cg.resolve("memory.max"), "33554432");
                if (Files.exists(cg.resolve("memory.swap.max"))) {
                    Files.writeString(cg.resolve("memory.swap.max"), "0");
                }
            } else {
                Files.writeString(cg.resolve("memory.limit_in_bytes"), "33554432");
                if (Files.exists(cg.resolve("memory.memsw.limit_in_bytes"))) {
                    Files.writeString(cg.resolve("memory.memsw.limit_in_bytes"), "33554432");
                }
            }
            // tail buffers /dev/zero looking for a newline, so its memory grows until the limit kills it
            p = new ProcessBuilder("sh", "-c", "echo $$ > " + cg.resolve("cgroup.procs") + "; exec tail /dev/zero")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            long pid = p.pid();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("process in the 32M cgroup was killed").isTrue();
            assertThat(p.exitValue()).isEqualTo(128 + 9);

            List<Event> events = new ArrayList<>();
            KernelEventClassifier classifier = new KernelEventClassifier("test", usec -> usec * 1000, events::add);
            List<KmsgRecord> records = new ArrayList<>();
            long deadline = System.nanoTime() + 10_000_000_000L;
            try (KmsgReader after = new KmsgReader(NativeKmsgDevice.open(DEV_KMSG), state, bootId)) {
                while (System.nanoTime() < deadline && events.stream().noneMatch(e -> isKill(e, pid))) {
                    List<KmsgRecord> batch = new ArrayList<>();
                    after.poll(listener(batch), Integer.MAX_VALUE);
                    records.addAll(batch);
                    batch.forEach(classifier::accept);
                    classifier.flush();
                    Thread.sleep(100);
                }
                assertThat(after.missed()).isZero();
            }
            Event kill = events.stream().filter(e -> isKill(e, pid)).findFirst()
                    .orElseThrow(() -> new AssertionError("no oom_kill for pid " + pid + " in " + records.size()
                            + " records: " + events));
            assertThat(kill.attribute("comm")).isEqualTo("tail");
            assertThat(kill.key().cgroup()).isEqualTo("/" + name);
            assertThat(kill.attribute("task_memcg")).isEqualTo("/" + name);
            assertThat(kill.attribute("constraint")).isEqualTo("CONSTRAINT_MEMCG");
            assertThat(kill.attribute("memcg_limit_kb")).isEqualTo("32768");
            assertThat(Long.parseLong(kill.attribute("anon_rss_kb"))).isGreaterThan(16_000);
            // the resumed reader started after the records seen before the test
            assertThat(records.getFirst().seq()).isGreaterThan(0);
            long oomKills = oomKillCounter(cg, h.v2);
            if (oomKills >= 0) {
                assertThat(oomKills).as("the cgroup's oom_kill counter").isGreaterThanOrEqualTo(1);
            }
        } finally {
            if (p != null) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
            removeCgroup(cg);
        }
    }

    private static boolean isKill(Event e, long pid) {
        return e.type().equals("oom_kill") && Long.toString(pid).equals(e.attribute("pid"));
    }

    private record Hierarchy(Path root, boolean v2) {
    }

    /** The v1 memory hierarchy if mounted, else a cgroup2 mount whose root offers the memory controller. */
    private static Hierarchy memoryHierarchy() throws IOException {
        Path v2 = null;
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"), StandardCharsets.UTF_8)) {
            String[] halves = line.split(" - ", 2);
            if (halves.length < 2) {
                continue;
            }
            String[] pre = halves[0].split(" ");
            String[] post = halves[1].split(" ");
            Path mount = Path.of(pre[4]);
            if (post[0].equals("cgroup") && post.length > 2 && List.of(post[2].split(",")).contains("memory")) {
                return new Hierarchy(mount, false);
            }
            if (post[0].equals("cgroup2") && v2 == null) {
                Path controllers = mount.resolve("cgroup.subtree_control");
                if (Files.exists(controllers) && Files.readString(controllers).contains("memory")) {
                    v2 = mount;
                }
            }
        }
        return v2 == null ? null : new Hierarchy(v2, true);
    }

    private static long oomKillCounter(Path cg, boolean v2) throws IOException {
        Path f = cg.resolve(v2 ? "memory.events" : "memory.oom_control");
        if (!Files.exists(f)) {
            return -1;
        }
        for (String line : Files.readAllLines(f)) {
            if (line.startsWith("oom_kill ")) {
                return Long.parseLong(line.substring("oom_kill ".length()).trim());
            }
        }
        return -1;
    }

    private static void removeCgroup(Path cg) throws InterruptedException {
        for (int i = 0; i < 50 && Files.exists(cg); i++) {
            try {
                Files.delete(cg); // rmdir; fails while the killed task is still being torn down
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        assertThat(cg).as("test cgroup removed").doesNotExist();
    }

    private static void assumeReadableKmsg() {
        assumeTrue(Files.isReadable(DEV_KMSG), "/dev/kmsg not readable (needs root or CAP_SYSLOG)");
        String uid = "";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    uid = line.split("\\s+")[2];
                }
            }
        } catch (IOException e) {
            uid = "";
        }
        assumeTrue(uid.equals("0"), "the real-kernel kmsg tests run as root only (effective uid " + uid + ")");
    }

    private static KmsgReader.Listener listener(List<KmsgRecord> out) {
        return new KmsgReader.Listener() {
            @Override
            public void record(KmsgRecord record) {
                out.add(record);
            }

            @Override
            public void missed(long count, String reason, long afterSeq, long nextSeq) {
            }

            @Override
            public void parseError(ProcParseException error) {
                throw error;
            }
        };
    }
}
