package dev.ktel.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ktel.collectors.CollectorRegistry;
import dev.ktel.pipeline.PipelineConfig;
import dev.ktel.pipeline.relabel.RelabelAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineSectionTest {
    @TempDir
    Path dir;

    private PipelineConfig load(String yaml) throws Exception {
        Path f = dir.resolve("ktel.yaml");
        Files.writeString(f, yaml);
        return ConfigFile.load(f, CollectorRegistry.discover()).pipeline;
    }

    @Test
    void absentSectionMeansDefaults() throws Exception {
        assertThat(load("listen: 127.0.0.1:1\n")).isEqualTo(PipelineConfig.DEFAULT);
    }

    @Test
    void readsEveryStage() throws Exception {
        PipelineConfig p = load("""
                pipeline:
                  relabel:
                    - source_labels: [mode]
                      regex: idle|iowait
                      action: drop
                    - source_labels: [__name__, device]
                      separator: '@'
                      regex: '(.*)@(.*)'
                      target_label: series
                      replacement: '${1}/${2}'
                    - source_labels: [instance]
                      modulus: 8
                      target_label: shard
                      action: hashmod
                  cardinality:
                    enabled: true
                    per-metric: 500
                    total: 20_000
                    expire-after: 3
                  masking:
                    ipv4: true
                    label-values: true
                    rules:
                      - name: customer_id
                        regex: 'cust-[0-9]+'
                        replacement: 'cust-#'
                  sampling:
                    log: 0.25
                  fidelity:
                    cpu-budget: 2%
                    window: 10s
                    low-priority: [process]
                """);
        assertThat(p.relabel()).hasSize(3);
        assertThat(p.relabel().get(0).action()).isEqualTo(RelabelAction.DROP);
        assertThat(p.relabel().get(1).separator()).isEqualTo("@");
        assertThat(p.relabel().get(2).modulus()).isEqualTo(8);
        assertThat(p.budget().perMetric()).isEqualTo(500);
        assertThat(p.budget().total()).isEqualTo(20_000);
        assertThat(p.budget().expireAfter()).isEqualTo(3);
        assertThat(p.masking().ipv4()).isTrue();
        assertThat(p.masking().labelValues()).isTrue();
        assertThat(p.masking().policy().mask("cust-42 at 10.1.2.3")).isEqualTo("cust-# at x.x.x.x");
        assertThat(p.sampling()).containsEntry("log", 0.25);
        assertThat(p.fidelity().cpuBudget()).isEqualTo(0.02);
        assertThat(p.fidelity().window()).isEqualTo(Duration.ofSeconds(10));
        assertThat(p.fidelity().lowPriority()).containsExactly("process");
    }

    @Test
    void cardinalityIsOffUnlessEnabled() throws Exception {
        assertThat(load("pipeline:\n  cardinality:\n    per-metric: 5\n").budget()).isNull();
    }

    @Test
    void errorsNameFileLineAndKey() {
        assertThatThrownBy(() -> load("pipeline:\n  relabel:\n    - source_labels: [a]\n      regex: '(x'\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ktel.yaml:4: pipeline.relabel[0].regex: regex: invalid");
        assertThatThrownBy(() -> load("pipeline:\n  relabel:\n    - source_labels: [a]\n      action: replace\n"))
                .hasMessageContaining("ktel.yaml:3: pipeline.relabel[0]: action replace requires target_label");
        assertThatThrownBy(() -> load("pipeline:\n  relabel:\n    - action: explode\n"))
                .hasMessageContaining("ktel.yaml:3: pipeline.relabel[0].action: unknown relabel action");
        assertThatThrownBy(() -> load("pipeline:\n  sampling:\n    oom_kill: 0.5\n"))
                .hasMessageContaining("ktel.yaml:3: pipeline.sampling.oom_kill: this event type is never sampled");
        assertThatThrownBy(() -> load("pipeline:\n  sampling:\n    log: 2\n"))
                .hasMessageContaining("ktel.yaml:3: pipeline.sampling.log: ratio must be in (0, 1]");
        assertThatThrownBy(() -> load("pipeline:\n  masking:\n    rules:\n      - name: x\n        regex: '['\n"))
                .hasMessageContaining("ktel.yaml:5: pipeline.masking.rules[0]: regex: invalid");
        assertThatThrownBy(() -> load("pipeline:\n  fidelity:\n    cpu-budget: lots\n"))
                .hasMessageContaining("ktel.yaml:3: pipeline.fidelity.cpu-budget: expected a number");
        assertThatThrownBy(() -> load("pipeline:\n  cardinality:\n    enabled: true\n    total: 0\n"))
                .hasMessageContaining("ktel.yaml:3: pipeline.cardinality: budgets must be positive");
        assertThatThrownBy(() -> load("pipeline:\n  sampling: {}\n  colour: red\n"))
                .hasMessageContaining("ktel.yaml:3: pipeline.colour: unknown key");
    }
}
