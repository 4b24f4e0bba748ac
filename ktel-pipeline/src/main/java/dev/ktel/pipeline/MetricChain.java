package dev.ktel.pipeline;

import dev.ktel.core.metric.MetricSink;
import dev.ktel.pipeline.cardinality.CardinalityMetrics;
import dev.ktel.pipeline.cardinality.SeriesCount;
import dev.ktel.pipeline.fidelity.FidelityController;
import java.util.function.IntSupplier;

/**
 * The metric stages in front of one terminal sink, in two variants built once: as configured, and the same
 * with histogram coarsening (fidelity level 2 and up). {@link #begin()} picks the variant for this collection,
 * so full fidelity costs nothing for the coarsening stage; with no stage configured the plain variant is the
 * terminal itself.
 */
public final class MetricChain {
    private final MetricSink plain;
    private final MetricSink coarse;
    private final FidelityController fidelity;
    private final CardinalityMetrics cardinality;
    private final SeriesCount terminalCount;
    private final IntSupplier seriesWritten;
    private MetricSink current;

    MetricChain(MetricSink plain, MetricSink coarse, FidelityController fidelity, CardinalityMetrics cardinality,
            SeriesCount terminalCount, IntSupplier seriesWritten) {
        this.plain = plain;
        this.coarse = coarse;
        this.fidelity = fidelity;
        this.cardinality = cardinality;
        this.terminalCount = terminalCount;
        this.seriesWritten = seriesWritten;
    }

    /** Starts a collection; write it into the returned sink, then call {@link #end()}. */
    public MetricSink begin() {
        current = fidelity.coarsenHistograms() ? coarse : plain;
        if (current instanceof ForwardingSink f) {
            f.beginCollection();
        }
        return current;
    }

    /** Ends the collection: flushes buffering stages, ages the series tracker, publishes the series count. */
    public void end() {
        if (current instanceof ForwardingSink f) {
            f.endCollection();
        }
        if (terminalCount != null) {
            terminalCount.set(seriesWritten.getAsInt());
        }
    }

    /** True when no stage sits in front of the terminal at full fidelity (the default). */
    public boolean isPassThrough() {
        return !(plain instanceof ForwardingSink);
    }

    /** {@code ktel_series_active} and, with budgets, the budget metrics. */
    public void writeMetrics(MetricSink sink) {
        cardinality.write(sink);
    }
}
