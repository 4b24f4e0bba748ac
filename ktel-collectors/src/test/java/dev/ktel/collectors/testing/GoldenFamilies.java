package dev.ktel.collectors.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktel.core.metric.RecordedSample;
import dev.ktel.core.metric.SampleRecorder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * node_exporter's golden scrape (e2e-output.txt) parsed into series keys ({@code name{a="x",b="y"}} with labels
 * sorted) and values, for comparing whole families with what a collector recorded.
 */
public final class GoldenFamilies {
    private static Map<String, Double> series;
    private static Map<String, String> types;

    private GoldenFamilies() {
    }

    private static synchronized void load() {
        if (series != null) {
            return;
        }
        Map<String, Double> s = new TreeMap<>();
        Map<String, String> t = new TreeMap<>();
        try {
            for (String line : Files.readAllLines(SharedFixtures.nodeExporterGolden())) {
                if (line.startsWith("# TYPE ")) {
                    String[] p = line.split(" ");
                    t.put(p[2], p[3]);
                } else if (!line.isEmpty() && !line.startsWith("#")) {
                    int sp = line.lastIndexOf(' ');
                    s.put(line.substring(0, sp), Double.parseDouble(line.substring(sp + 1)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        series = s;
        types = t;
    }

    /** The golden series of one family (exact name, no suffixes), keyed as {@link #key}. */
    public static Map<String, Double> family(String name) {
        load();
        Map<String, Double> out = new TreeMap<>();
        for (Map.Entry<String, Double> e : series.entrySet()) {
            String k = e.getKey();
            if (k.equals(name) || k.startsWith(name + "{")) {
                out.put(k, e.getValue());
            }
        }
        return out;
    }

    public static String type(String family) {
        load();
        return types.get(family);
    }

    /** A recorded sample's key in the golden's format: labels sorted by name, values escaped as Go does. */
    public static String key(RecordedSample s) {
        if (s.labels().isEmpty()) {
            return s.name();
        }
        List<String> parts = new ArrayList<>();
        new TreeMap<>(s.labels()).forEach((k, v) -> parts.add(k + "=\"" + v.replace("\\", "\\\\")
                .replace("\"", "\\\"").replace("\n", "\\n") + "\""));
        return s.name() + "{" + String.join(",", parts) + "}";
    }

    /** The recorded samples of one family, keyed as the golden. */
    public static Map<String, Double> recorded(SampleRecorder rec, String name) {
        Map<String, Double> out = new TreeMap<>();
        for (RecordedSample s : rec.samples(name)) {
            out.put(key(s), s.value());
        }
        return out;
    }

    /** Asserts the family has the golden's type, series (label sets) and values. */
    public static void assertFamilyMatches(SampleRecorder rec, String name) {
        Map<String, Double> golden = family(name);
        assertThat(golden).as("golden has %s", name).isNotEmpty();
        assertThat(rec.families()).as("recorded families").containsKey(name);
        assertThat(rec.families().get(name).type().textName()).as("type of %s", name).isEqualTo(type(name));
        Map<String, Double> got = recorded(rec, name);
        assertThat(got.keySet()).as("series of %s", name).containsExactlyInAnyOrderElementsOf(golden.keySet());
        for (Map.Entry<String, Double> e : golden.entrySet()) {
            assertThat(got.get(e.getKey())).as(e.getKey()).isCloseTo(e.getValue(),
                    org.assertj.core.data.Offset.offset(Math.abs(e.getValue()) * 1e-9));
        }
    }

    /** All family names in the golden starting with the prefix. */
    public static List<String> familiesStartingWith(String prefix) {
        load();
        return types.keySet().stream().filter(f -> f.startsWith(prefix)).toList();
    }
}
