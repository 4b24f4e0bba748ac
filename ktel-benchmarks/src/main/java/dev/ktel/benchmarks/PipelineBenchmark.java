package dev.ktel.benchmarks;

import dev.ktel.collectors.CollectorRegistry;
import dev.ktel.collectors.CollectorSelection;
import dev.ktel.collectors.CollectorSet;
import dev.ktel.core.event.CorrelationKey;
import dev.ktel.core.event.Event;
import dev.ktel.core.event.EventSink;
import dev.ktel.core.event.Severity;
import dev.ktel.core.exposition.ByteBuf;
import dev.ktel.core.exposition.ExpositionFormat;
import dev.ktel.core.exposition.TextExpositionWriter;
import dev.ktel.core.io.HostPaths;
import dev.ktel.core.metric.MetricFamily;
import dev.ktel.core.metric.MetricSink;
import dev.ktel.pipeline.MetricChain;
import dev.ktel.pipeline.Pipeline;
import dev.ktel.pipeline.PipelineConfig;
import dev.ktel.pipeline.cardinality.CardinalityBudget;
import dev.ktel.pipeline.fidelity.FidelitySettings;
import dev.ktel.pipeline.fidelity.RecordedOutput;
import dev.ktel.pipeline.mask.MaskingPolicy;
import dev.ktel.pipeline.mask.MaskingSettings;
import dev.ktel.pipeline.relabel.RelabelRule;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The pipeline stages on a realistic scrape: the default collectors' output on this host, recorded once and
 * replayed (so /proc reading is not measured), plus 200 process series whose cmdline label holds real-looking
 * command lines, a tenth of them with secrets. Each benchmark renders one exposition into a reused buffer:
 * {@code baseline} straight into the writer (today's /metrics), {@code defaultPipeline} through the pipeline
 * as configured by default (series counting only), then relabel rules, label-value masking (steady state,
 * cached) and budgets. {@code maskLabelValuesUncached} runs the policy on every label value with no cache, and
 * {@code maskEvent} masks one kernel log message. Run with {@code -prof gc} for allocation; the secondary result
 * {@code cpuNanosPerOp} is the thread CPU time per operation, the figure to compare on a loaded machine.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-Xmx64m"})
public class PipelineBenchmark {
    private static final MetricFamily PROCS = MetricFamily.gauge("ktel_process_resident_bytes",
            "Resident memory of the top processes.", "pid", "comm", "cmdline");

    private final RecordedOutput scrape = new RecordedOutput();
    private final ByteBuf buf = new ByteBuf(512 * 1024);
    private final TextExpositionWriter writer = new TextExpositionWriter(buf);
    private MetricChain defaults;
    private MetricChain relabel;
    private MetricChain masking;
    private MetricChain budget;
    private MaskingPolicy policy;
    private String[] labelValues;
    private Event event;
    private EventSink maskEvents;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        try (CollectorSet set = CollectorSet.create(CollectorRegistry.discover(), CollectorSelection.defaults(),
                HostPaths.host())) {
            MetricSink rec = scrape.recordTo(new TextExpositionWriter(new ByteBuf(512 * 1024)));
            set.collect(rec);
            rec.family(PROCS);
            for (int i = 0; i < 200; i++) {
                rec.sample(Integer.toString(1000 + i), "proc" + (i % 20), commandLine(i), 1e6 + i);
            }
        }
        defaults = new Pipeline(PipelineConfig.DEFAULT, () -> 0, System::nanoTime, 1).metricChain(writer,
                writer::samplesWritten);
        relabel = chain(new PipelineConfig(List.of(
                RelabelRule.builder().sourceLabels("__name__", "mode").regex("node_cpu_seconds_total;(idle|iowait)")
                        .action("drop").build(),
                RelabelRule.builder().sourceLabels("fstype").regex("tmpfs|overlay|squashfs").action("drop").build(),
                RelabelRule.builder().sourceLabels("device").regex("(.*)").targetLabel("dev").build(),
                RelabelRule.builder().regex("device").action("labeldrop").build(),
                RelabelRule.builder().sourceLabels("__name__").regex("node_(.*)").targetLabel("__name__")
                        .replacement("host_$1").build()), null, MaskingSettings.DEFAULT, Map.of(),
                FidelitySettings.DEFAULT));
        masking = chain(new PipelineConfig(List.of(), null,
                new MaskingSettings(true, false, false, true, true, List.of()), Map.of(), FidelitySettings.DEFAULT));
        budget = chain(new PipelineConfig(List.of(), CardinalityBudget.DEFAULT, MaskingSettings.DEFAULT, Map.of(),
                FidelitySettings.DEFAULT));
        policy = MaskingPolicy.defaults();
        List<String> values = new java.util.ArrayList<>();
        scrape.replay(new LabelValueCollector(values));
        labelValues = values.toArray(new String[0]);
        event = new Event(1, "h", "log", Severity.WARNING, CorrelationKey.NONE, Map.of("comm", "sshd"),
                "sshd[2231]: Failed password for invalid user admin from 203.0.113.7 port 50522 ssh2", "kmsg", 1);
        maskEvents = new Pipeline(PipelineConfig.DEFAULT, () -> 0, System::nanoTime, 1).events(e -> { });
    }

    private MetricChain chain(PipelineConfig cfg) {
        return new Pipeline(cfg, () -> 0, System::nanoTime, 1).metricChain(writer);
    }

    private static String commandLine(int i) {
        return switch (i % 10) {
            case 0 -> "mysqld --user=mysql --password=s3cr3t-" + i + " --port=3306";
            case 1 -> "/usr/bin/java -Xmx2g -Dspring.profiles.active=prod -jar /opt/app/service-" + i + ".jar";
            case 2 -> "/usr/sbin/nginx -g daemon on; master_process on;";
            case 3 -> "postgres: checkpointer";
            case 4 -> "/usr/lib/systemd/systemd-journald";
            case 5 -> "python3 /opt/worker/run.py --queue=jobs-" + i + " --concurrency 4";
            case 6 -> "containerd-shim-runc-v2 -namespace k8s.io -id 4f2c" + i + " -address /run/containerd.sock";
            case 7 -> "sshd: ops@pts/" + i;
            case 8 -> "/usr/bin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock";
            default -> "kworker/u16:" + i + "-events_unbound";
        };
    }

    private int render(MetricChain chain) {
        writer.begin(ExpositionFormat.PROMETHEUS_TEXT);
        if (chain == null) {
            scrape.replay(writer);
        } else {
            scrape.replay(chain.begin());
            chain.end();
        }
        writer.finish();
        return buf.length();
    }

    @Benchmark
    public int baseline(CpuTimeCounters cpu) {
        long t = CpuTimeCounters.now();
        int n = render(null);
        cpu.add(t);
        return n;
    }

    @Benchmark
    public int defaultPipeline(CpuTimeCounters cpu) {
        long t = CpuTimeCounters.now();
        int n = render(defaults);
        cpu.add(t);
        return n;
    }

    @Benchmark
    public int relabel(CpuTimeCounters cpu) {
        long t = CpuTimeCounters.now();
        int n = render(relabel);
        cpu.add(t);
        return n;
    }

    @Benchmark
    public int maskLabelValues(CpuTimeCounters cpu) {
        long t = CpuTimeCounters.now();
        int n = render(masking);
        cpu.add(t);
        return n;
    }

    @Benchmark
    public int budgets(CpuTimeCounters cpu) {
        long t = CpuTimeCounters.now();
        int n = render(budget);
        cpu.add(t);
        return n;
    }

    @Benchmark
    public int maskLabelValuesUncached(CpuTimeCounters cpu) {
        long t = CpuTimeCounters.now();
        int changed = 0;
        for (String v : labelValues) {
            if (policy.mask(v) != v) {
                changed++;
            }
        }
        cpu.add(t);
        return changed;
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public void maskEvent() {
        maskEvents.accept(event);
    }

    /** Collects every label value of a scrape. */
    private static final class LabelValueCollector implements MetricSink {
        private final List<String> out;

        LabelValueCollector(List<String> out) {
            this.out = out;
        }

        @Override
        public void family(MetricFamily family) {
        }

        @Override
        public void sample(double value) {
        }

        @Override
        public void sample(String v1, double value) {
            out.add(v1);
        }

        @Override
        public void sample(String v1, String v2, double value) {
            out.add(v1);
            out.add(v2);
        }

        @Override
        public void sample(String v1, String v2, String v3, double value) {
            out.add(v1);
            out.add(v2);
            out.add(v3);
        }

        @Override
        public void sample(String[] labelValues, double value) {
            out.addAll(List.of(labelValues));
        }

        @Override
        public void histogram(String[] labelValues, double[] b, long[] c, long count, double sum) {
            out.addAll(List.of(labelValues));
        }
    }
}
