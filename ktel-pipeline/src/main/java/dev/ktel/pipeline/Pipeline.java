package dev.ktel.pipeline;

import dev.ktel.core.event.EventSink;
import dev.ktel.core.metric.MetricFamily;
import dev.ktel.core.metric.MetricSink;
import dev.ktel.pipeline.cardinality.BudgetSink;
import dev.ktel.pipeline.cardinality.CardinalityMetrics;
import dev.ktel.pipeline.cardinality.SeriesCount;
import dev.ktel.pipeline.cardinality.SeriesCountingSink;
import dev.ktel.pipeline.cardinality.SeriesTracker;
import dev.ktel.pipeline.fidelity.CpuTimeSource;
import dev.ktel.pipeline.fidelity.FidelityController;
import dev.ktel.pipeline.fidelity.HistogramCoarseningSink;
import dev.ktel.pipeline.mask.MaskingEventSink;
import dev.ktel.pipeline.mask.MaskingMetrics;
import dev.ktel.pipeline.mask.MaskingPolicy;
import dev.ktel.pipeline.mask.MaskingSink;
import dev.ktel.pipeline.relabel.Relabeler;
import dev.ktel.pipeline.relabel.RelabelingSink;
import dev.ktel.pipeline.sampling.EventSampler;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * The agent's edge pipeline, assembled from its configuration. Metrics pass
 * relabel → mask label values → budget (or count) → coarsen histograms → the terminal sink (exposition writer,
 * later the forwarder); a stage that is not configured is not installed. Events pass
 * sample → mask → the terminal event sink. Holds the state shared by the stages and writes their self-metrics.
 */
public final class Pipeline {
    static final MetricFamily RELABEL_DROPPED = MetricFamily.counter("ktel_relabel_dropped_series_total",
            "Series dropped by relabel rules (keep, drop, keepequal, dropequal).");
    static final MetricFamily RELABEL_ERRORS = MetricFamily.counter("ktel_relabel_errors_total",
            "Series dropped because relabeling produced an invalid metric name.");

    private final PipelineConfig config;
    private final MaskingPolicy policy;
    private final FidelityController fidelity;
    private final SeriesTracker tracker;
    private final LongAdder relabelDropped = new LongAdder();
    private final LongAdder relabelErrors = new LongAdder();
    private final long seed;
    private EventSampler sampler;

    public Pipeline(PipelineConfig config, CpuTimeSource cpu, LongSupplier wallNanos, long seed) {
        this.config = config;
        this.policy = config.masking().policy();
        this.fidelity = new FidelityController(config.fidelity(), cpu, wallNanos);
        this.tracker = config.budget() == null ? null : new SeriesTracker(config.budget());
        this.seed = seed;
    }

    public PipelineConfig config() {
        return config;
    }

    public MaskingPolicy maskingPolicy() {
        return policy;
    }

    public FidelityController fidelity() {
        return fidelity;
    }

    /**
     * The metric chain in front of {@code terminal}, counting series with a {@link SeriesCountingSink}. One per
     * terminal, used from one thread at a time.
     */
    public MetricChain metricChain(MetricSink terminal) {
        return metricChain(terminal, null);
    }

    /**
     * The metric chain in front of {@code terminal}. When the terminal counts what it writes
     * ({@code seriesWritten}, e.g. the exposition writer's sample lines) and no metric stage is configured, the
     * chain is the terminal itself: the default /metrics path is exactly what it is without a pipeline.
     */
    public MetricChain metricChain(MetricSink terminal, IntSupplier seriesWritten) {
        boolean stages = tracker != null || !config.relabel().isEmpty()
                || (config.masking().enabled() && config.masking().labelValues());
        if (!stages && seriesWritten != null) {
            MetricSink coarse = config.fidelity().enabled()
                    ? new HistogramCoarseningSink(config.fidelity().histogramMerge(), terminal) : terminal;
            SeriesCount count = new SeriesCount();
            return new MetricChain(terminal, coarse, fidelity, CardinalityMetrics.of(count), count, seriesWritten);
        }
        SeriesCount counter = tracker == null ? new SeriesCount() : null;
        MetricSink plain = build(terminal, counter);
        MetricSink coarse = config.fidelity().enabled()
                ? build(new HistogramCoarseningSink(config.fidelity().histogramMerge(), terminal), counter)
                : plain;
        return new MetricChain(plain, coarse, fidelity, counter == null ? CardinalityMetrics.of(tracker)
                : CardinalityMetrics.of(counter), null, null);
    }

    private ForwardingSink build(MetricSink terminal, SeriesCount counter) {
        ForwardingSink head = tracker != null ? new BudgetSink(tracker, terminal)
                : new SeriesCountingSink(counter, terminal);
        if (config.masking().enabled() && config.masking().labelValues()) {
            head = new MaskingSink(policy, head);
        }
        if (!config.relabel().isEmpty()) {
            head = new RelabelingSink(new Relabeler(config.relabel()), relabelDropped, relabelErrors, head);
        }
        return head;
    }

    /** Sampling then masking in front of {@code terminal}. */
    public synchronized EventSink events(EventSink terminal) {
        EventSink s = config.masking().enabled() ? new MaskingEventSink(policy, terminal) : terminal;
        if (!config.sampling().isEmpty()) {
            sampler = new EventSampler(config.sampling(), fidelity::samplingFactor, seed, s);
            s = sampler;
        }
        return s;
    }

    /** The self-metrics of every stage except cardinality (written by {@link MetricChain}). */
    public void writeMetrics(MetricSink sink) {
        if (!config.relabel().isEmpty()) {
            sink.family(RELABEL_DROPPED);
            sink.sample(relabelDropped.sum());
            sink.family(RELABEL_ERRORS);
            sink.sample(relabelErrors.sum());
        }
        if (config.masking().enabled()) {
            MaskingMetrics.write(policy, sink);
        }
        EventSampler s;
        synchronized (this) {
            s = sampler;
        }
        if (s != null) {
            s.writeMetrics(sink);
        } else if (!config.sampling().isEmpty()) {
            EventSampler.writeRatios(config.sampling(), fidelity.samplingFactor(), sink);
        }
        if (config.fidelity().enabled()) {
            fidelity.writeMetrics(sink);
        }
    }
}
