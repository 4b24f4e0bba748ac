package dev.ktel.agent.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktel.collectors.CollectorRegistry;
import dev.ktel.collectors.CollectorSelection;
import dev.ktel.collectors.CollectorSet;
import dev.ktel.collectors.testing.SharedFixtures;
import dev.ktel.core.exposition.ByteBuf;
import dev.ktel.core.exposition.ExpositionFormat;
import dev.ktel.core.exposition.TextExpositionWriter;
import dev.ktel.core.io.HostPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * node_exporter's own compatibility spec: its end-to-end golden scrape of its fixture tree. All of ktel's
 * collectors run on that tree with the options node_exporter's end-to-end test uses (where ktel has an
 * equivalent); every metric family both produce must have the same type, the same series (name and label
 * sets) and the same values. The report (matching, differing and why, only-in-one) is written to
 * target/node-exporter-compat.txt and printed.
 */
class NodeExporterGoldenTest {
    /** node_exporter's end-to-end skip pattern, applied to both sides. */
    private static final Pattern SKIP = Pattern.compile("^(go_|node_exporter_build_info|node_scrape_collector_duration_seconds"
            + "|process_|node_textfile_mtime_seconds|node_time_(zone|seconds)|node_network_(receive|transmit)_(bytes|packets)_total)");

    /**
     * Families whose difference is understood, with the reason; they are reported, not failed. Keep short.
     */
    private static final Map<String, String> KNOWN = Map.of(
            "node_scrape_collector_success", "each exporter lists its own set of collectors",
            "node_textfile_scrape_error", "same value; listed here only if the textfile directory differs");

    @Test
    void familiesBothImplementMatchTheGolden() throws Exception {
        HostPaths tree = SharedFixtures.nodeExporter();
        Path ne = SharedFixtures.fixtures().resolve("node_exporter");
        Map<String, Boolean> enabled = Map.of("interrupts", true, "filesystem", false, "timex", false,
                "uname", false, "cgroup", false, "process", false);
        Map<String, Map<String, String>> options = Map.of(
                "netdev", Map.of("device-include", "lo"),
                "netclass", Map.of("ignored-devices", "(dmz|int)", "ignore-invalid-speed", "true"),
                "arp", Map.of("device-exclude", "nope"),
                "hwmon", Map.of("chip-include", "(applesmc|asus_nb_wmi|coretemp|hwmon4|ieee80211|nct6779)"),
                "stat", Map.of("softirq", "true"),
                "textfile", Map.of("directory", ne.resolve("textfile/two_metric_files").toString()));
        ByteBuf buf = new ByteBuf(1 << 20);
        TextExpositionWriter w = new TextExpositionWriter(buf);
        try (CollectorSet set = CollectorSet.create(CollectorRegistry.discover(), new CollectorSelection(enabled, options),
                tree)) {
            w.begin(ExpositionFormat.PROMETHEUS_TEXT);
            set.collect(w);
            w.finish();
            assertThat(set.active().stream().map(CollectorSet.Active::name)).contains("cpu", "meminfo", "diskstats",
                    "netstat", "netclass", "hwmon", "textfile");
        }
        Exposition ours = filtered(Exposition.parse(buf.toString()));
        Exposition golden = filtered(Exposition.parse(Files.readString(SharedFixtures.nodeExporterGolden())));

        List<String> matching = new ArrayList<>();
        Map<String, String> differing = new TreeMap<>();
        for (String name : new TreeSet<>(ours.families().keySet())) {
            Exposition.Family g = golden.family(name);
            if (g == null) {
                continue;
            }
            String diff = compare(ours.family(name), g);
            if (diff == null) {
                matching.add(name);
            } else {
                differing.put(name, diff);
            }
        }
        TreeSet<String> onlyGolden = new TreeSet<>(golden.families().keySet());
        onlyGolden.removeAll(ours.families().keySet());
        TreeSet<String> onlyOurs = new TreeSet<>(ours.families().keySet());
        onlyOurs.removeAll(golden.families().keySet());

        StringBuilder report = new StringBuilder();
        report.append("node_exporter golden compatibility: ").append(matching.size()).append(" families match, ")
                .append(differing.size()).append(" differ, ").append(onlyGolden.size())
                .append(" only in node_exporter's golden, ").append(onlyOurs.size()).append(" only in ktel\n");
        differing.forEach((k, v) -> report.append("DIFFER ").append(k).append(": ").append(v)
                .append(KNOWN.containsKey(k) ? " (known: " + KNOWN.get(k) + ")" : "").append('\n'));
        report.append("ONLY-IN-GOLDEN (collectors ktel does not have):");
        summarizePrefixes(onlyGolden, report);
        report.append("\nONLY-IN-GOLDEN node_cpu/node_memory/node_network:");
        onlyGolden.stream().filter(n -> n.startsWith("node_cpu_") || n.startsWith("node_network_")
                || (n.startsWith("node_memory_") && !n.startsWith("node_memory_numa_")))
                .forEach(n -> report.append(' ').append(n));
        report.append("\nONLY-IN-KTEL:");
        summarizePrefixes(onlyOurs, report);
        report.append('\n');
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/node-exporter-compat.txt"), report);
        System.out.print(report);

        assertThat(differing.keySet().stream().filter(k -> !KNOWN.containsKey(k)).toList())
                .as("families that differ from node_exporter's golden:\n%s", report).isEmpty();
        assertThat(matching.size()).as("matching families").isGreaterThanOrEqualTo(250);
    }

    private static void summarizePrefixes(TreeSet<String> names, StringBuilder out) {
        Map<String, Integer> byPrefix = new TreeMap<>();
        for (String n : names) {
            String[] p = n.split("_");
            byPrefix.merge(p.length > 2 ? p[0] + "_" + p[1] + "_*" : n, 1, Integer::sum);
        }
        byPrefix.forEach((k, v) -> out.append(' ').append(k).append('(').append(v).append(')'));
    }

    private static Exposition filtered(Exposition e) {
        e.families().keySet().removeIf(n -> SKIP.matcher(n).find());
        e.families().values().removeIf(f -> f.samples().isEmpty());
        return e;
    }

    /** null when equal, else what differs. */
    private static String compare(Exposition.Family ours, Exposition.Family golden) {
        if (!ours.type().equals(golden.type())) {
            return "type " + ours.type() + " vs " + golden.type();
        }
        Map<String, Double> a = new TreeMap<>();
        ours.samples().forEach(s -> a.put(s.key(), s.value()));
        Map<String, Double> b = new TreeMap<>();
        golden.samples().forEach(s -> b.put(s.key(), s.value()));
        if (!a.keySet().equals(b.keySet())) {
            TreeSet<String> extra = new TreeSet<>(a.keySet());
            extra.removeAll(b.keySet());
            TreeSet<String> missing = new TreeSet<>(b.keySet());
            missing.removeAll(a.keySet());
            return "series differ: extra " + first(extra) + ", missing " + first(missing);
        }
        for (var e : a.entrySet()) {
            double x = e.getValue();
            double y = b.get(e.getKey());
            if (!(x == y || (Double.isNaN(x) && Double.isNaN(y)) || Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(y)))) {
                return "value of " + e.getKey() + ": " + x + " vs " + y;
            }
        }
        return null;
    }

    private static String first(TreeSet<String> s) {
        return s.isEmpty() ? "none" : s.size() + " e.g. " + s.first();
    }
}
