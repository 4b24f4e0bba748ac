package dev.ktel.collectors.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktel.collectors.host.textfile.TextFamily;
import dev.ktel.collectors.host.textfile.TextFormatParser;
import dev.ktel.collectors.host.textfile.TextSample;
import dev.ktel.core.metric.MetricFamily;
import dev.ktel.core.metric.RecordedSample;
import dev.ktel.core.metric.SampleRecorder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The families of node_exporter's golden scrape (e2e-output.txt), for exact comparisons: type, and every
 * series' labels and value. Empty label values count as absent, as in Prometheus.
 */
public final class GoldenTextFamilies {
    private static Map<String, TextFamily> golden;

    private GoldenTextFamilies() {
    }

    public static synchronized TextFamily get(String name) {
        if (golden == null) {
            try {
                byte[] b = Files.readAllBytes(SharedFixtures.nodeExporterGolden());
                Map<String, TextFamily> m = new HashMap<>();
                for (TextFamily f : new TextFormatParser().parse("e2e-output.txt", b, b.length)) {
                    m.put(f.name, f);
                }
                golden = m;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        TextFamily f = golden.get(name);
        assertThat(f).as("golden family " + name).isNotNull();
        return f;
    }

    /** Asserts that the recorded family equals the golden one: type, series set and values. */
    public static void assertFamilyMatches(SampleRecorder rec, String name) {
        TextFamily expected = get(name);
        MetricFamily actual = rec.families().get(name);
        assertThat(actual).as("recorded family " + name).isNotNull();
        assertThat(actual.type()).as(name + " type").isEqualTo(expected.type);
        Map<Map<String, String>, Double> want = new HashMap<>();
        for (TextSample s : expected.samples) {
            Map<String, String> labels = new TreeMap<>();
            for (int i = 0; i < s.labelNames().length; i++) {
                if (!s.labelValues()[i].isEmpty()) {
                    labels.put(s.labelNames()[i], s.labelValues()[i]);
                }
            }
            want.put(labels, s.value());
        }
        Map<Map<String, String>, Double> got = new HashMap<>();
        List<RecordedSample> samples = rec.samples(name);
        for (RecordedSample s : samples) {
            Map<String, String> labels = new TreeMap<>();
            s.labels().forEach((k, v) -> {
                if (!v.isEmpty()) {
                    labels.put(k, v);
                }
            });
            got.put(labels, s.value());
        }
        assertThat(got).as(name + " series").isEqualTo(want);
    }
}
