package dev.ktel.agent.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktel.agent.Agent;
import dev.ktel.agent.AgentSettings;
import dev.ktel.collectors.CollectorSelection;
import dev.ktel.collectors.testing.SharedFixtures;
import dev.ktel.core.exposition.ExpositionFormat;
import dev.ktel.core.io.HostPaths;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code promtool check metrics} on ktel's output finds no parse error, and no lint problem beyond those it
 * reports for node_exporter's own output (its golden scrape) on the same names. node_exporter keeps kernel
 * key names (node_memory_MemFree_bytes is "camelCase" to the linter); a ktel family may show such a problem
 * only when node_exporter's output shows the same problem in the same name space (e.g. node_memory_*).
 * ktel's own families (ktel_*, process_*, jvm_*) must lint clean. cAdvisor-compatible names keep cAdvisor's
 * own lint problems (listed in {@link #CADVISOR}), so container dashboards work unchanged.
 */
class PromtoolLintTest {
    @TempDir
    Path data;

    private String scrape(HostPaths paths) throws Exception {
        try (Agent a = new Agent(new AgentSettings(new InetSocketAddress("127.0.0.1", 0), data, Duration.ofSeconds(15),
                "lint", paths, CollectorSelection.defaults(), false, "agent"), "test").start()) {
            return a.metrics().renderToString(ExpositionFormat.PROMETHEUS_TEXT);
        }
    }

    /** cAdvisor's names that promtool flags in cAdvisor's own output too. */
    private static final Set<String> CADVISOR = Set.of(
            "container_memory_failcnt counter metrics should have \"_total\" suffix");

    private static Set<String> allowed() throws Exception {
        Path golden = SharedFixtures.nodeExporterGolden();
        Set<String> allowed = new HashSet<>(CADVISOR);
        for (String line : Promtool.checkMetrics(Files.readString(golden))) {
            int sp = line.indexOf(' ');
            String name = line.substring(0, sp);
            String problem = line.substring(sp + 1);
            allowed.add(name + " " + problem);
            allowed.add(namespace(name) + "* " + problem);
        }
        return allowed;
    }

    private static String namespace(String name) {
        int first = name.indexOf('_');
        int second = first < 0 ? -1 : name.indexOf('_', first + 1);
        return second < 0 ? name : name.substring(0, second + 1);
    }

    private static void assertOnlyKnownProblems(List<String> problems, Set<String> allowed) {
        assertThat(problems).noneMatch(l -> l.contains("error while linting") || l.contains("parse error"));
        List<String> unexpected = problems.stream().filter(l -> {
            int sp = l.indexOf(' ');
            String name = l.substring(0, sp);
            String problem = l.substring(sp + 1);
            boolean ours = name.startsWith("ktel_") || name.startsWith("process_") || name.startsWith("jvm_");
            return ours || !(allowed.contains(name + " " + problem) || allowed.contains(namespace(name) + "* " + problem));
        }).toList();
        assertThat(unexpected).as("lint problems node_exporter does not have").isEmpty();
    }

    @Test
    void realHostScrapeLintsLikeNodeExporter() throws Exception {
        assertOnlyKnownProblems(Promtool.checkMetrics(scrape(HostPaths.host())), allowed());
    }

    @Test
    void nodeExporterFixtureScrapeLintsLikeNodeExporter() throws Exception {
        assertOnlyKnownProblems(Promtool.checkMetrics(scrape(SharedFixtures.nodeExporter())), allowed());
    }
}
