package dev.ktel.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktel.agent.Agent;
import dev.ktel.agent.AgentSettings;
import dev.ktel.agent.compat.Exposition;
import dev.ktel.agent.compat.Promtool;
import dev.ktel.collectors.CollectorSelection;
import dev.ktel.core.io.HostPaths;
import dev.ktel.pipeline.PipelineConfig;
import dev.ktel.pipeline.cardinality.CardinalityBudget;
import dev.ktel.pipeline.fidelity.FidelitySettings;
import dev.ktel.pipeline.mask.MaskingSettings;
import dev.ktel.pipeline.relabel.RelabelRule;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real agent with relabel rules and a small cardinality budget, scraped over loopback. */
class PipelineEndpointTest {
    @TempDir
    static Path data;
    static Agent agent;

    @BeforeAll
    static void start() throws Exception {
        PipelineConfig pipeline = new PipelineConfig(List.of(
                RelabelRule.builder().sourceLabels("mode").regex("idle").action("drop").build(),
                RelabelRule.builder().sourceLabels("__name__").regex("node_load(.*)").targetLabel("__name__")
                        .replacement("host_load$1").build()),
                new CardinalityBudget(2, 100_000, 10_000, 5),
                new MaskingSettings(true, false, false, true, true, List.of()), Map.of("log", 1.0),
                FidelitySettings.DEFAULT);
        AgentSettings s = new AgentSettings(new InetSocketAddress("127.0.0.1", 0), data, Duration.ofSeconds(15),
                "test-host", HostPaths.host(), CollectorSelection.defaults(), false, "agent").withPipeline(pipeline);
        agent = new Agent(s, "test").start();
    }

    @AfterAll
    static void stop() {
        agent.close();
    }

    static String scrape() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(agent.baseUrl() + "/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void relabelsBudgetsAndExportsTheSelfMetrics() throws Exception {
        scrape();
        String text = scrape();
        Exposition e = Exposition.parse(text);
        assertThat(e.families()).containsKeys("host_load1", "ktel_series_active", "ktel_series_rejected_total",
                "ktel_masked_total", "ktel_fidelity_level", "ktel_fidelity_shed", "ktel_relabel_dropped_series_total");
        assertThat(e.families()).doesNotContainKey("node_load1");
        assertThat(text).doesNotContain("mode=\"idle\"");
        // node_cpu_seconds_total has more than 2 series on any host: it overflows from the second scrape on
        Exposition.Family cpu = e.family("node_cpu_seconds_total");
        assertThat(cpu.samples()).filteredOn(x -> "true".equals(x.labels().get("ktel_overflow"))).hasSize(1);
        assertThat(cpu.samples()).filteredOn(x -> x.labels().get("ktel_overflow") == null
                || x.labels().get("ktel_overflow").isEmpty()).hasSize(2);
        assertThat(e.family("ktel_series_rejected_total").samples())
                .anySatisfy(x -> assertThat(x.labels()).containsEntry("metric", "node_cpu_seconds_total"));
        assertThat(e.family("ktel_series_active").samples().getFirst().value()).isGreaterThan(10);
    }

    @Test
    void pipelinedExpositionPassesPromtool() throws Exception {
        Promtool.binary();
        scrape();
        List<String> problems = Promtool.checkMetrics(scrape());
        assertThat(problems).noneMatch(l -> l.contains("error") || l.contains("duplicate"));
    }
}
