package dev.ktel.collectors.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktel.core.metric.RecordedSample;
import dev.ktel.core.metric.SampleRecorder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * node_exporter's golden scrape (Prometheus text format 0.0.4) read into families: type and the samples as
 * "name{label="value",...}" (labels sorted) to value. Enough of the format for e2e-output.txt: no escapes in
 * the label values we compare, no timestamps.
 */
public final class GoldenSeries {
    private final Map<String, String> types = new TreeMap<>();
    private final Map<String, Map<String, Double>> samples = new HashMap<>();

    private GoldenSeries() {
    }

    public static GoldenSeries nodeExporter() {
        GoldenSeries g = new GoldenSeries();
        try {
            for (String line : Files.readAllLines(SharedFixtures.nodeExporterGolden())) {
                if (line.startsWith("# TYPE ")) {
                    String[] p = line.split(" ");
                    g.types.put(p[2], p[3]);
                    g.samples.put(p[2], new LinkedHashMap<>());
                } else if (!line.isEmpty() && !line.startsWith("#")) {
                    int sp = line.lastIndexOf(' ');
                    String series = line.substring(0, sp);
                    int brace = series.indexOf('{');
                    String family = brace < 0 ? series : series.substring(0, brace);
                    g.samples.computeIfAbsent(family, k -> new LinkedHashMap<>())
                            .put(series, Double.parseDouble(line.substring(sp + 1)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return g;
    }

    public String type(String family) {
        return types.get(family);
    }

    /** Families whose name passes the filter. */
    public TreeSet<String> families(Predicate<String> filter) {
        TreeSet<String> out = new TreeSet<>();
        for (String f : types.keySet()) {
            if (filter.test(f)) {
                out.add(f);
            }
        }
        return out;
    }

    public Map<String, Double> samples(String family) {
        return samples.getOrDefault(family, Map.of());
    }

    /** The recorded samples of one family in the golden's key form. */
    public static Map<String, Double> recorded(SampleRecorder rec, String family) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (RecordedSample s : rec.samples()) {
            if (s.family().name().equals(family)) {
                out.put(key(s), s.value());
            }
        }
        return out;
    }

    private static String key(RecordedSample s) {
        if (s.labels().isEmpty()) {
            return s.name();
        }
        StringBuilder sb = new StringBuilder(s.name()).append('{');
        new TreeMap<>(s.labels()).forEach((k, v) -> sb.append(k).append("=\"").append(v).append("\","));
        sb.setLength(sb.length() - 1);
        return sb.append('}').toString();
    }

    /**
     * Asserts that every golden family passing the filter is recorded with the same type, label sets and
     * values, and that every recorded family passing the filter exists in the golden.
     */
    public void assertFamiliesMatch(SampleRecorder rec, Predicate<String> filter) {
        TreeSet<String> expected = families(filter);
        assertThat(expected).as("golden families").isNotEmpty();
        TreeSet<String> actual = new TreeSet<>();
        rec.families().keySet().stream().filter(filter).forEach(actual::add);
        assertThat(actual).as("families").containsExactlyElementsOf(expected);
        for (String f : expected) {
            assertThat(rec.families().get(f).type().textName()).as("type of " + f).isEqualTo(types.get(f));
            assertThat(recorded(rec, f)).as("samples of " + f).containsExactlyInAnyOrderEntriesOf(samples(f));
        }
    }
}
