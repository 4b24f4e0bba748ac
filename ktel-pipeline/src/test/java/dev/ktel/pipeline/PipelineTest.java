package dev.ktel.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktel.core.event.CorrelationKey;
import dev.ktel.core.event.Event;
import dev.ktel.core.event.EventSink;
import dev.ktel.core.event.Severity;
import dev.ktel.core.metric.MetricFamily;
import dev.ktel.core.metric.MetricSink;
import dev.ktel.core.metric.SampleRecorder;
import dev.ktel.pipeline.cardinality.CardinalityBudget;
import dev.ktel.pipeline.fidelity.FidelitySettings;
import dev.ktel.pipeline.mask.MaskingSettings;
import dev.ktel.pipeline.relabel.RelabelRule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The assembled stages: order, defaults, self-metrics. */
class PipelineTest {
    private static final MetricFamily PROC = MetricFamily.gauge("proc_rss_bytes", "RSS.", "cmdline");
    private static final MetricFamily LAT = MetricFamily.histogram("lat_seconds", "Latency.");

    @Test
    void defaultChainOnlyCountsSeries() {
        Pipeline p = new Pipeline(PipelineConfig.DEFAULT, () -> 0, System::nanoTime, 1);
        SampleRecorder rec = new SampleRecorder();
        MetricChain chain = p.metricChain(rec);
        MetricSink s = chain.begin();
        s.family(PROC);
        s.sample("app --password=x", 1);
        s.sample("b", 2);
        chain.end();
        assertThat(rec.value("proc_rss_bytes", "cmdline", "app --password=x")).as("label masking is opt-in")
                .contains(1.0);
        SampleRecorder self = new SampleRecorder();
        chain.writeMetrics(self);
        assertThat(self.value("ktel_series_active")).contains(2.0);
    }

    @Test
    void defaultChainBeforeACountingTerminalIsTheTerminalItself() {
        Pipeline p = new Pipeline(PipelineConfig.DEFAULT, () -> 0, System::nanoTime, 1);
        dev.ktel.core.exposition.TextExpositionWriter w = new dev.ktel.core.exposition.TextExpositionWriter(
                new dev.ktel.core.exposition.ByteBuf(1024));
        MetricChain chain = p.metricChain(w, w::samplesWritten);
        assertThat(chain.isPassThrough()).isTrue();
        w.begin(dev.ktel.core.exposition.ExpositionFormat.PROMETHEUS_TEXT);
        MetricSink s = chain.begin();
        assertThat(s).isSameAs(w);
        s.family(PROC);
        s.sample("a", 1);
        s.family(LAT);
        s.histogram(new String[0], new double[] {1, 2}, new long[] {1, 2}, 3, 4);
        chain.end();
        SampleRecorder self = new SampleRecorder();
        chain.writeMetrics(self);
        assertThat(self.value("ktel_series_active")).as("1 sample + 2 buckets, +Inf, sum, count").contains(6.0);
    }

    @Test
    void relabelThenMaskThenBudget() {
        PipelineConfig cfg = new PipelineConfig(
                List.of(RelabelRule.builder().sourceLabels("cmdline").regex("b").action("drop").build()),
                new CardinalityBudget(1, 10, 10, 3),
                new MaskingSettings(true, false, false, true, true, List.of()), Map.of(),
                FidelitySettings.DEFAULT);
        Pipeline p = new Pipeline(cfg, () -> 0, System::nanoTime, 1);
        SampleRecorder rec = new SampleRecorder();
        MetricChain chain = p.metricChain(rec);
        MetricSink s = chain.begin();
        s.family(PROC);
        s.sample("app --password=x", 1);
        s.sample("b", 2);
        s.sample("c", 3);
        chain.end();
        assertThat(rec.samples()).singleElement().satisfies(x -> assertThat(x.label("cmdline"))
                .isEqualTo("app --password=***"));
        SampleRecorder self = new SampleRecorder();
        chain.writeMetrics(self);
        p.writeMetrics(self);
        assertThat(self.value("ktel_series_active")).contains(1.0);
        assertThat(self.value("ktel_series_rejected_total", "metric", "proc_rss_bytes")).contains(1.0);
        assertThat(self.value("ktel_relabel_dropped_series_total")).contains(1.0);
        assertThat(self.value("ktel_masked_total", "rule", "secret_key_value")).contains(1.0);
        assertThat(self.value("ktel_fidelity_level")).contains(0.0);
    }

    @Test
    void histogramsAreCoarsenedFromFidelityLevelTwo() {
        long[] clock = {0, 0};
        FidelitySettings fs = new FidelitySettings(true, 0.01, Duration.ofSeconds(1), 0.5, 3, 4, 2, 0.1, Set.of());
        Pipeline p = new Pipeline(new PipelineConfig(List.of(), null, MaskingSettings.DEFAULT, Map.of(), fs),
                () -> clock[0], () -> clock[1], 1);
        SampleRecorder before = collectHistogram(p);
        assertThat(before.samples("lat_seconds_bucket")).hasSize(5);
        p.fidelity().evaluate();
        for (int i = 0; i < 2; i++) {
            clock[0] += 1_000_000_000L;
            clock[1] += 1_000_000_000L;
            p.fidelity().evaluate();
        }
        SampleRecorder after = collectHistogram(p);
        assertThat(after.samples("lat_seconds_bucket")).extracting(x -> x.label("le"))
                .containsExactly("2.0", "4.0", "+Inf");
    }

    private static SampleRecorder collectHistogram(Pipeline p) {
        SampleRecorder rec = new SampleRecorder();
        MetricChain chain = p.metricChain(rec);
        MetricSink s = chain.begin();
        s.family(LAT);
        s.histogram(new String[0], new double[] {1, 2, 3, 4}, new long[] {1, 2, 3, 4}, 5, 10);
        chain.end();
        return rec;
    }

    @Test
    void eventsAreSampledThenMasked() {
        Pipeline p = new Pipeline(new PipelineConfig(List.of(), null, MaskingSettings.DEFAULT, Map.of("log", 1.0),
                FidelitySettings.DEFAULT), () -> 0, System::nanoTime, 1);
        List<Event> out = new ArrayList<>();
        EventSink sink = p.events(out::add);
        sink.accept(new Event(1, "h", "log", Severity.INFO, CorrelationKey.NONE, Map.of("comm", "sshd"),
                "sshd: Accepted password for root from 10.0.0.1, token=abcdef123", "kmsg", 1));
        sink.accept(new Event(2, "h", "oom_kill", Severity.ERR, CorrelationKey.NONE, Map.of(), "Killed process 1",
                "kmsg", 2));
        assertThat(out).hasSize(2);
        assertThat(out.getFirst().message()).isEqualTo("sshd: Accepted password for root from 10.0.0.1, token=***");
        assertThat(out.get(1).message()).isEqualTo("Killed process 1");
        SampleRecorder self = new SampleRecorder();
        p.writeMetrics(self);
        assertThat(self.value("ktel_sampling_ratio", "stream", "log")).contains(1.0);
        assertThat(self.value("ktel_masked_total", "rule", "secret_key_value")).contains(1.0);
    }
}
