package dev.ktel.pipeline;

import dev.ktel.pipeline.cardinality.CardinalityBudget;
import dev.ktel.pipeline.fidelity.FidelitySettings;
import dev.ktel.pipeline.mask.MaskingSettings;
import dev.ktel.pipeline.relabel.RelabelRule;
import java.util.List;
import java.util.Map;

/**
 * The {@code pipeline:} section of the agent configuration.
 *
 * @param relabel  metric relabel rules (default none: the relabel stage is not installed)
 * @param budget   cardinality budgets, or null for none (default: off; the SLI is still counted)
 * @param masking  masking policy settings
 * @param sampling keep ratio per event stream (default {@code log: 1.0}: plain log lines are sampled only when
 *                 fidelity is shed)
 * @param fidelity adaptive fidelity settings
 */
public record PipelineConfig(List<RelabelRule> relabel, CardinalityBudget budget, MaskingSettings masking,
        Map<String, Double> sampling, FidelitySettings fidelity) {

    public static final Map<String, Double> DEFAULT_SAMPLING = Map.of("log", 1.0);
    public static final PipelineConfig DEFAULT = new PipelineConfig(List.of(), null, MaskingSettings.DEFAULT,
            DEFAULT_SAMPLING, FidelitySettings.DEFAULT);

    public PipelineConfig {
        relabel = List.copyOf(relabel);
        sampling = Map.copyOf(sampling);
    }
}
