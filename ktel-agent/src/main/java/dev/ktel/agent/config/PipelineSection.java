package dev.ktel.agent.config;

import dev.ktel.pipeline.PipelineConfig;
import dev.ktel.pipeline.cardinality.CardinalityBudget;
import dev.ktel.pipeline.fidelity.FidelitySettings;
import dev.ktel.pipeline.mask.MaskRule;
import dev.ktel.pipeline.mask.MaskingSettings;
import dev.ktel.pipeline.relabel.RelabelRule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

/**
 * Parses the {@code pipeline:} section into a {@link PipelineConfig}. Relabel rules use Prometheus' own key names
 * (source_labels, target_label, ...) so rules can be copied from a Prometheus configuration; the other keys
 * follow this file's kebab-case. Every error names the file, line and key, including invalid values the
 * stages reject (a bad regex, a protected event type).
 */
final class PipelineSection {
    private static final Set<String> TOP = Set.of("relabel", "cardinality", "masking", "sampling", "fidelity");
    private static final Set<String> RELABEL = Set.of("source_labels", "separator", "regex", "modulus",
            "target_label", "replacement", "action");
    private static final Set<String> CARDINALITY = Set.of("enabled", "per-metric", "total", "max-metrics",
            "expire-after");
    private static final Set<String> MASKING = Set.of("enabled", "ipv4", "ipv6", "emails", "label-values", "rules");
    private static final Set<String> MASK_RULE = Set.of("name", "regex", "replacement");
    private static final Set<String> FIDELITY = Set.of("enabled", "cpu-budget", "window", "restore-below",
            "restore-after", "interval-multiplier", "histogram-merge", "sampling-factor", "low-priority");

    private final YamlNodes y;

    PipelineSection(YamlNodes y) {
        this.y = y;
    }

    PipelineConfig parse(Node node) {
        PipelineConfig d = PipelineConfig.DEFAULT;
        List<RelabelRule> relabel = d.relabel();
        CardinalityBudget budget = d.budget();
        MaskingSettings masking = d.masking();
        Map<String, Double> sampling = d.sampling();
        FidelitySettings fidelity = d.fidelity();
        for (NodeTuple t : y.mapping(node, "pipeline")) {
            String key = y.scalar(t.getKeyNode(), "pipeline");
            String path = "pipeline." + key;
            Node v = t.getValueNode();
            switch (key) {
                case "relabel" -> relabel = relabel(v, path);
                case "cardinality" -> budget = cardinality(v, path);
                case "masking" -> masking = masking(v, path);
                case "sampling" -> sampling = sampling(v, path);
                case "fidelity" -> fidelity = fidelity(v, path);
                default -> throw y.error(t.getKeyNode(), path, "unknown key; known: " + TOP);
            }
        }
        return new PipelineConfig(relabel, budget, masking, sampling, fidelity);
    }

    private List<RelabelRule> relabel(Node node, String path) {
        List<RelabelRule> rules = new ArrayList<>();
        List<Node> items = y.sequence(node, path);
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            String at = path + "[" + i + "]";
            RelabelRule.Builder b = RelabelRule.builder();
            for (NodeTuple t : y.mapping(item, at)) {
                String k = y.scalar(t.getKeyNode(), at);
                Node v = t.getValueNode();
                String kp = at + "." + k;
                try {
                    switch (k) {
                        case "source_labels" -> b.sourceLabels(y.strings(v, kp));
                        case "separator" -> b.separator(y.scalar(v, kp));
                        case "regex" -> b.regex(y.scalar(v, kp));
                        case "modulus" -> b.modulus(y.longValue(v, kp));
                        case "target_label" -> b.targetLabel(y.scalar(v, kp));
                        case "replacement" -> b.replacement(y.scalar(v, kp));
                        case "action" -> b.action(y.scalar(v, kp));
                        default -> throw y.error(t.getKeyNode(), kp, "unknown key; known: " + RELABEL);
                    }
                } catch (IllegalArgumentException e) {
                    throw y.error(v, kp, e.getMessage());
                }
            }
            try {
                rules.add(b.build());
            } catch (IllegalArgumentException e) {
                throw y.error(item, at, e.getMessage());
            }
        }
        return rules;
    }

    private CardinalityBudget cardinality(Node node, String path) {
        CardinalityBudget d = CardinalityBudget.DEFAULT;
        boolean enabled = false;
        int perMetric = d.perMetric();
        int total = d.total();
        int maxMetrics = d.maxMetrics();
        int expireAfter = d.expireAfter();
        for (NodeTuple t : y.mapping(node, path)) {
            String k = y.scalar(t.getKeyNode(), path);
            Node v = t.getValueNode();
            String kp = path + "." + k;
            switch (k) {
                case "enabled" -> enabled = y.bool(v, kp);
                case "per-metric" -> perMetric = y.integer(v, kp);
                case "total" -> total = y.integer(v, kp);
                case "max-metrics" -> maxMetrics = y.integer(v, kp);
                case "expire-after" -> expireAfter = y.integer(v, kp);
                default -> throw y.error(t.getKeyNode(), kp, "unknown key; known: " + CARDINALITY);
            }
        }
        try {
            CardinalityBudget b = new CardinalityBudget(perMetric, total, maxMetrics, expireAfter);
            return enabled ? b : null;
        } catch (IllegalArgumentException e) {
            throw y.error(node, path, e.getMessage());
        }
    }

    private MaskingSettings masking(Node node, String path) {
        MaskingSettings d = MaskingSettings.DEFAULT;
        boolean enabled = d.enabled();
        boolean ipv4 = d.ipv4();
        boolean ipv6 = d.ipv6();
        boolean emails = d.emails();
        boolean labels = d.labelValues();
        List<MaskRule> rules = new ArrayList<>();
        for (NodeTuple t : y.mapping(node, path)) {
            String k = y.scalar(t.getKeyNode(), path);
            Node v = t.getValueNode();
            String kp = path + "." + k;
            switch (k) {
                case "enabled" -> enabled = y.bool(v, kp);
                case "ipv4" -> ipv4 = y.bool(v, kp);
                case "ipv6" -> ipv6 = y.bool(v, kp);
                case "emails" -> emails = y.bool(v, kp);
                case "label-values" -> labels = y.bool(v, kp);
                case "rules" -> rules = maskRules(v, kp);
                default -> throw y.error(t.getKeyNode(), kp, "unknown key; known: " + MASKING);
            }
        }
        MaskingSettings s = new MaskingSettings(enabled, ipv4, ipv6, emails, labels, rules);
        try {
            s.policy();
        } catch (IllegalArgumentException e) {
            throw y.error(node, path + ".rules", e.getMessage());
        }
        return s;
    }

    private List<MaskRule> maskRules(Node node, String path) {
        List<MaskRule> rules = new ArrayList<>();
        List<Node> items = y.sequence(node, path);
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            String at = path + "[" + i + "]";
            String name = null;
            String regex = null;
            String replacement = null;
            Node regexNode = item;
            for (NodeTuple t : y.mapping(item, at)) {
                String k = y.scalar(t.getKeyNode(), at);
                Node v = t.getValueNode();
                switch (k) {
                    case "name" -> name = y.scalar(v, at + ".name");
                    case "regex" -> {
                        regex = y.scalar(v, at + ".regex");
                        regexNode = v;
                    }
                    case "replacement" -> replacement = y.scalar(v, at + ".replacement");
                    default -> throw y.error(t.getKeyNode(), at + "." + k, "unknown key; known: " + MASK_RULE);
                }
            }
            if (name == null || regex == null) {
                throw y.error(item, at, "a masking rule needs name and regex");
            }
            try {
                rules.add(MaskRule.of(name, regex, replacement));
            } catch (IllegalArgumentException e) {
                throw y.error(regexNode, at, e.getMessage());
            }
        }
        return rules;
    }

    private Map<String, Double> sampling(Node node, String path) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (NodeTuple t : y.mapping(node, path)) {
            String stream = y.scalar(t.getKeyNode(), path);
            String kp = path + "." + stream;
            double r = y.number(t.getValueNode(), kp);
            if (dev.ktel.pipeline.sampling.ProtectedEvents.isProtectedType(stream)) {
                throw y.error(t.getKeyNode(), kp, "this event type is never sampled (OOM, security, panic class)");
            }
            if (!(r > 0 && r <= 1)) {
                throw y.error(t.getValueNode(), kp, "ratio must be in (0, 1], got " + r);
            }
            out.put(stream, r);
        }
        return out;
    }

    private FidelitySettings fidelity(Node node, String path) {
        FidelitySettings d = FidelitySettings.DEFAULT;
        boolean enabled = d.enabled();
        double budget = d.cpuBudget();
        Duration window = d.window();
        double restoreBelow = d.restoreBelow();
        int restoreAfter = d.restoreAfter();
        int multiplier = d.intervalMultiplier();
        int merge = d.histogramMerge();
        double factor = d.samplingFactor();
        Set<String> low = d.lowPriority();
        for (NodeTuple t : y.mapping(node, path)) {
            String k = y.scalar(t.getKeyNode(), path);
            Node v = t.getValueNode();
            String kp = path + "." + k;
            switch (k) {
                case "enabled" -> enabled = y.bool(v, kp);
                case "cpu-budget" -> budget = y.number(v, kp);
                case "window" -> window = y.duration(v, kp);
                case "restore-below" -> restoreBelow = y.number(v, kp);
                case "restore-after" -> restoreAfter = y.integer(v, kp);
                case "interval-multiplier" -> multiplier = y.integer(v, kp);
                case "histogram-merge" -> merge = y.integer(v, kp);
                case "sampling-factor" -> factor = y.number(v, kp);
                case "low-priority" -> low = new LinkedHashSet<>(y.strings(v, kp));
                default -> throw y.error(t.getKeyNode(), kp, "unknown key; known: " + FIDELITY);
            }
        }
        try {
            return new FidelitySettings(enabled, budget, window, restoreBelow, restoreAfter, multiplier, merge, factor,
                    low);
        } catch (IllegalArgumentException e) {
            throw y.error(node, path, e.getMessage());
        }
    }
}
