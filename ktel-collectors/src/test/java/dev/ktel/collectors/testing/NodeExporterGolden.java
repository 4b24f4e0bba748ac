package dev.ktel.collectors.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktel.collectors.host.textfile.TextFamily;
import dev.ktel.collectors.host.textfile.TextFormatParser;
import dev.ktel.collectors.host.textfile.TextSample;
import dev.ktel.core.metric.SampleRecorder;
import dev.ktel.core.metric.RecordedSample;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * node_exporter's golden scrape ({@code e2e-output.txt}), read once with ktel's own text-format parser, for
 * comparing what a collector wrote on node_exporter's fixture tree. Series are keyed as
 * {@code name{a="x",b="y"}}: labels sorted by name, empty values dropped (absent, as in Prometheus), values
 * escaped as the text format does.
 */
public final class NodeExporterGolden {
    private static NodeExporterGolden instance;

    private final Map<String, String> types = new TreeMap<>();
    private final Map<String, Map<String, Double>> series = new TreeMap<>();

    private NodeExporterGolden(byte[] text) {
        for (TextFamily f : new TextFormatParser().parse("e2e-output.txt", text, text.length)) {
            types.put(f.name, f.type.textName());
            Map<String, Double> s = series.computeIfAbsent(f.name, k -> new TreeMap<>());
            for (TextSample t : f.samples) {
                Map<String, String> labels = new TreeMap<>();
                for (int i = 0; i < t.labelNames().length; i++) {
                    labels.put(t.labelNames()[i], t.labelValues()[i]);
                }
                s.put(key(f.name + t.suffix(), labels), t.value());
            }
        }
    }

    public static synchronized NodeExporterGolden load() {
        if (instance == null) {
            try {
                instance = new NodeExporterGolden(Files.readAllBytes(SharedFixtures.nodeExporterGolden()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    /** The family's type name as the text format writes it, null when the golden lacks the family. */
    public String type(String family) {
        return types.get(family);
    }

    /** The golden's series of one family, key to value (empty when absent). */
    public Map<String, Double> family(String name) {
        return series.getOrDefault(name, Map.of());
    }

    public List<String> familiesStartingWith(String prefix) {
        return types.keySet().stream().filter(n -> n.startsWith(prefix)).toList();
    }

    public TreeSet<String> families(Predicate<String> filter) {
        TreeSet<String> out = new TreeSet<>();
        types.keySet().stream().filter(filter).forEach(out::add);
        return out;
    }

    /** What the recorder holds for one family, keyed like the golden. */
    public static Map<String, Double> recorded(SampleRecorder rec, String family) {
        Map<String, Double> out = new TreeMap<>();
        for (RecordedSample s : rec.samples(family)) {
            out.put(key(s.name(), s.labels()), s.value());
        }
        return out;
    }

    static String key(String name, Map<String, String> labels) {
        StringBuilder b = new StringBuilder(name).append('{');
        new TreeMap<>(labels).forEach((k, v) -> {
            if (!v.isEmpty()) {
                b.append(k).append("=\"").append(v.replace("\\", "\\\\").replace("\"", "\\\"")
                        .replace("\n", "\\n")).append("\",");
            }
        });
        if (b.charAt(b.length() - 1) == '{') {
            return name;
        }
        b.setLength(b.length() - 1);
        return b.append('}').toString();
    }

    /** Asserts the family was written with the golden's type, exactly its series, and equal values. */
    public void assertFamilyMatches(SampleRecorder rec, String name) {
        Map<String, Double> golden = family(name);
        assertThat(golden).as("golden has %s", name).isNotEmpty();
        assertThat(rec.families()).as("recorded families").containsKey(name);
        assertThat(rec.families().get(name).type().textName()).as("type of %s", name).isEqualTo(type(name));
        Map<String, Double> got = recorded(rec, name);
        assertThat(got.keySet()).as("series of %s", name).containsExactlyElementsOf(golden.keySet());
        golden.forEach((k, v) -> assertThat(got.get(k)).as(k)
                .isCloseTo(v, org.assertj.core.data.Offset.offset(Math.abs(v) * 1e-9)));
    }

    public void assertFamiliesMatch(SampleRecorder rec, String... names) {
        for (String name : names) {
            assertFamilyMatches(rec, name);
        }
    }

    /**
     * Asserts that the recorded families passing the filter are exactly the golden's, and each matches it.
     */
    public void assertFamiliesMatch(SampleRecorder rec, Predicate<String> filter) {
        TreeSet<String> expected = families(filter);
        assertThat(expected).as("golden families").isNotEmpty();
        TreeSet<String> actual = new TreeSet<>();
        rec.families().keySet().stream().filter(filter).forEach(actual::add);
        assertThat(actual).as("families").containsExactlyElementsOf(expected);
        expected.forEach(f -> assertFamilyMatches(rec, f));
    }
}
