package dev.ktel.collectors.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktel.core.metric.RecordedSample;
import dev.ktel.core.metric.SampleRecorder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * node_exporter's golden scrape ({@code e2e-output.txt}) as series key to value and family name to type, for
 * comparing what a collector wrote on node_exporter's fixture tree. A series key is
 * {@code name{l1="v1",l2="v2"}} with labels sorted by name, the way the golden prints them.
 */
public final class GoldenScrape {
    private static GoldenScrape instance;

    private final Map<String, Double> values = new TreeMap<>();
    private final Map<String, String> types = new TreeMap<>();

    private GoldenScrape(List<String> lines) {
        for (String line : lines) {
            if (line.startsWith("# TYPE ")) {
                String[] p = line.split(" ");
                types.put(p[2], p[3]);
            } else if (!line.isEmpty() && !line.startsWith("#")) {
                int sp = line.lastIndexOf(' ');
                values.put(line.substring(0, sp), Double.parseDouble(line.substring(sp + 1)));
            }
        }
    }

    public static synchronized GoldenScrape load() {
        if (instance == null) {
            try {
                instance = new GoldenScrape(Files.readAllLines(SharedFixtures.nodeExporterGolden()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    /** The golden's series (key to value) of one family. */
    public Map<String, Double> family(String name) {
        Map<String, Double> out = new TreeMap<>();
        values.forEach((k, v) -> {
            if (k.equals(name) || k.startsWith(name + "{")) {
                out.put(k, v);
            }
        });
        return out;
    }

    public String type(String family) {
        return types.get(family);
    }

    /** The recorded series (key to value) of one family. */
    public static Map<String, Double> recorded(SampleRecorder rec, String name) {
        Map<String, Double> out = new TreeMap<>();
        for (RecordedSample s : rec.samples(name)) {
            out.put(key(s), s.value());
        }
        return out;
    }

    static String key(RecordedSample s) {
        if (s.labels().isEmpty()) {
            return s.name();
        }
        StringBuilder b = new StringBuilder(s.name()).append('{');
        new TreeMap<>(s.labels()).forEach((k, v) -> b.append(k).append("=\"")
                .append(v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")).append("\","));
        b.setLength(b.length() - 1);
        return b.append('}').toString();
    }

    /**
     * Asserts that each named family was written with the golden's type, exactly the golden's series and equal
     * values.
     */
    public void assertFamiliesMatch(SampleRecorder rec, String... families) {
        for (String f : families) {
            assertThat(rec.families()).as("family %s written", f).containsKey(f);
            assertThat(rec.families().get(f).type().textName()).as("type of %s", f).isEqualTo(type(f));
            Map<String, Double> golden = family(f);
            assertThat(golden).as("golden has %s", f).isNotEmpty();
            assertThat(recorded(rec, f)).as("series of %s", f).containsExactlyInAnyOrderEntriesOf(golden);
        }
    }

    /** Names of the golden's families starting with a prefix. */
    public List<String> familiesStartingWith(String prefix) {
        return types.keySet().stream().filter(n -> n.startsWith(prefix)).toList();
    }
}
