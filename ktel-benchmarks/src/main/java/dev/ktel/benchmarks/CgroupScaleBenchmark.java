package dev.ktel.benchmarks;

import dev.ktel.collectors.CollectorRegistry;
import dev.ktel.collectors.CollectorSelection;
import dev.ktel.collectors.CollectorSet;
import dev.ktel.core.exposition.ByteBuf;
import dev.ktel.core.exposition.ExpositionFormat;
import dev.ktel.core.exposition.TextExpositionWriter;
import dev.ktel.core.io.HostPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cgroup and process collectors on a busier host than the bare one: {@code cgroup100} creates 100 cgroups
 * under the v1 cpu, cpuacct, memory, pids and blkio hierarchies (or the cgroup2 root), {@code process500}
 * starts 500 {@code sleep} processes. Needs root for the cgroups; everything created is removed in teardown
 * (and by a shutdown hook if the run is interrupted). The sleeps end by themselves after 10 minutes at most.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-Xmx64m"})
public class CgroupScaleBenchmark {
    private static final int CGROUPS = 100;
    private static final int PROCESSES = 500;
    private static final String[] V1 = {"cpu", "cpuacct", "memory", "pids", "blkio"};

    @Param({"cgroup100", "process500"})
    public String scenario;

    private CollectorSet set;
    private final ByteBuf buf = new ByteBuf(1024 * 1024);
    private final TextExpositionWriter writer = new TextExpositionWriter(buf);
    private final List<Path> created = new ArrayList<>();
    private Process spawner;
    private Thread cleanupHook;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        cleanupHook = new Thread(this::cleanUp);
        Runtime.getRuntime().addShutdownHook(cleanupHook);
        String collector;
        Map<String, String> options = new HashMap<>();
        if (scenario.equals("cgroup100")) {
            collector = "cgroup";
            createCgroups();
        } else {
            collector = "process";
            startSleeps();
        }
        CollectorRegistry registry = CollectorRegistry.discover();
        Map<String, Boolean> only = new HashMap<>();
        registry.factories().forEach(f -> only.put(f.name(), f.name().equals(collector)));
        set = CollectorSet.create(registry, new CollectorSelection(only, Map.of(collector, options)),
                HostPaths.host());
        if (set.active().isEmpty()) {
            throw new IllegalStateException(collector + " is not available on this host: " + set.unavailable());
        }
    }

    private void createCgroups() throws IOException {
        Path fs = Path.of("/sys/fs/cgroup");
        List<Path> parents = new ArrayList<>();
        for (String c : V1) {
            if (Files.isDirectory(fs.resolve(c)) && !Files.exists(fs.resolve(c).resolve("cgroup.controllers"))) {
                parents.add(fs.resolve(c));
            }
        }
        if (parents.isEmpty() && Files.exists(fs.resolve("cgroup.controllers"))) {
            parents.add(fs); // pure cgroup2
        }
        if (parents.isEmpty()) {
            throw new IllegalStateException("no v1 cpu/cpuacct/memory/pids/blkio hierarchy and no cgroup2 root");
        }
        String prefix = "ktel-bench-" + ProcessHandle.current().pid() + "-";
        for (int i = 0; i < CGROUPS; i++) {
            for (Path parent : parents) {
                Path dir = parent.resolve(prefix + i);
                Files.createDirectory(dir);
                created.add(dir);
            }
        }
    }

    private void startSleeps() throws Exception {
        spawner = new ProcessBuilder("sh", "-c", "for i in $(seq " + PROCESSES + "); do sleep 600 & done; wait")
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (spawner.descendants().count() < PROCESSES && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        if (spawner.descendants().count() < PROCESSES) {
            throw new IllegalStateException("could not start " + PROCESSES + " processes");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (set != null) {
            set.close();
        }
        cleanUp();
        Runtime.getRuntime().removeShutdownHook(cleanupHook);
    }

    private synchronized void cleanUp() {
        if (spawner != null) {
            spawner.descendants().forEach(ProcessHandle::destroyForcibly);
            spawner.destroyForcibly();
            spawner = null;
        }
        for (int i = created.size() - 1; i >= 0; i--) {
            try {
                Files.deleteIfExists(created.get(i));
            } catch (IOException e) {
                System.err.println("could not remove " + created.get(i) + ": " + e);
            }
        }
        created.clear();
    }

    @Benchmark
    public int collect() {
        writer.begin(ExpositionFormat.PROMETHEUS_TEXT);
        set.collect(writer);
        writer.finish();
        return buf.length();
    }
}
