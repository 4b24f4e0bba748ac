package dev.ktel.benchmarks;

import dev.ktel.collectors.CollectorRegistry;
import dev.ktel.collectors.CollectorSelection;
import dev.ktel.collectors.CollectorSet;
import dev.ktel.core.exposition.ByteBuf;
import dev.ktel.core.exposition.ExpositionFormat;
import dev.ktel.core.exposition.TextExpositionWriter;
import dev.ktel.core.io.HostPaths;
import java.util.HashMap;
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
 * One collector (or all defaults, "default") reading the live host and writing Prometheus text into a reused
 * buffer: what a scrape costs per collector, and with {@code -prof gc} whether the steady state allocates
 * (target: ~0 B/op for the /proc parsers). Run with the agent's JVM flags to match production:
 * {@code java -jar benchmarks.jar CollectBenchmark -prof gc -jvmArgs "-XX:+UseSerialGC -Xmx32m -XX:TieredStopAtLevel=1"}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-Xmx64m"})
public class CollectBenchmark {

    @Param({"default"})
    public String collector;

    private CollectorSet set;
    private final ByteBuf buf = new ByteBuf(256 * 1024);
    private final TextExpositionWriter writer = new TextExpositionWriter(buf);

    @Setup(Level.Trial)
    public void setUp() {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        CollectorRegistry registry = CollectorRegistry.discover();
        CollectorSelection selection = CollectorSelection.defaults();
        if (!collector.equals("default")) {
            Map<String, Boolean> only = new HashMap<>();
            registry.factories().forEach(f -> only.put(f.name(), f.name().equals(collector)));
            selection = new CollectorSelection(only, Map.of());
        }
        set = CollectorSet.create(registry, selection, HostPaths.host());
        if (set.active().isEmpty()) {
            throw new IllegalStateException("collector " + collector + " is not available on this host: "
                    + set.unavailable());
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        set.close();
    }

    @Benchmark
    public int collect() {
        writer.begin(ExpositionFormat.PROMETHEUS_TEXT);
        set.collect(writer);
        writer.finish();
        return buf.length();
    }
}
