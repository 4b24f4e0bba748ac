package dev.ktel.pipeline;

import dev.ktel.core.metric.MetricSink;
import dev.ktel.pipeline.cardinality.CardinalityMetrics;
import dev.ktel.pipeline.fidelity.FidelityController;

/**
 * The metric stages in front of one terminal sink, in two variants built once: as configured, and the same
 * with histogram coarsening (fidelity level 2 and up). {@link #begin()} picks the variant for this collection,
 * so full fidelity costs nothing for the coarsening stage.
 */
public final class MetricChain {
    private final ForwardingSink plain;
    private final ForwardingSink coarse;
    private final FidelityController fidelity;
    private final CardinalityMetrics cardinality;
    private ForwardingSink current;

    MetricChain(ForwardingSink plain, ForwardingSink coarse, FidelityController fidelity,
            CardinalityMetrics cardinality) {
        this.plain = plain;
        this.coarse = coarse;
        this.fidelity = fidelity;
        this.cardinality = cardinality;
    }

    /** Starts a collection; write it into the returned sink, then call {@link #end()}. */
    public MetricSink begin() {
        current = fidelity.coarsenHistograms() ? coarse : plain;
        current.beginCollection();
        return current;
    }

    /** Ends the collection: flushes buffering stages, ages the series tracker. */
    public void end() {
        current.endCollection();
    }

    /** {@code ktel_series_active} and, with budgets, the budget metrics. */
    public void writeMetrics(MetricSink sink) {
        cardinality.write(sink);
    }
}
