package dev.ktel.collectors.host.textfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ktel.collectors.Collector;
import dev.ktel.collectors.CollectorContext;
import dev.ktel.collectors.CollectorUnavailableException;
import dev.ktel.collectors.testing.Collect;
import dev.ktel.collectors.testing.NodeExporterGolden;
import dev.ktel.collectors.testing.SharedFixtures;
import dev.ktel.core.io.HostPaths;
import dev.ktel.core.metric.MetricType;
import dev.ktel.core.metric.RecordedSample;
import dev.ktel.core.metric.SampleRecorder;
import dev.ktel.core.text.ProcParseException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextfileCollectorTest {
    private final List<ProcParseException> errors = new ArrayList<>();

    private Collector create(Path dir) throws CollectorUnavailableException {
        return new TextfileCollector.Factory().create(new CollectorContext("textfile", HostPaths.host(),
                Map.of("directory", dir.toString()), errors::add));
    }

    private static SampleRecorder collect(Collector c) throws Exception {
        SampleRecorder rec = new SampleRecorder();
        c.collect(rec);
        return rec;
    }

    @Test
    void nodeExporterTwoMetricFilesMatchGolden() throws Exception {
        Path dir = SharedFixtures.fixtures().resolve("node_exporter/textfile/two_metric_files");
        SampleRecorder rec;
        try (Collector c = create(dir)) {
            rec = collect(c);
        }
        for (String name : List.of("testmetric1_1", "testmetric1_2", "testmetric2_1", "testmetric2_2",
                "node_textfile_scrape_error")) {
            NodeExporterGolden.load().assertFamilyMatches(rec, name);
        }
        assertThat(rec.families().get("testmetric1_1").help()).startsWith("Metric read from ")
                .endsWith("two_metric_files/metrics1.prom");
        // non_matching_file.txt is ignored; both .prom files have an mtime series
        assertThat(rec.samples("node_textfile_mtime_seconds")).extracting(s -> s.label("file"))
                .containsExactly(dir.resolve("metrics1.prom").toString(), dir.resolve("metrics2.prom").toString());
        assertThat(errors).isEmpty();
    }

    @Test
    void malformedFileIsSkippedAndReportedWhileOthersWork(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a_good.prom"), "# HELP job_ok Job succeeded.\njob_ok{job=\"a\"} 1\n");
        Files.writeString(dir.resolve("b_bad.prom"), "job_ok{job=\"b\"} 1\nbroken line here\n");
        Files.writeString(dir.resolve("c_good.prom"), "job_ok{job=\"c\",extra=\"x\"} 0\nother 5\n");
        try (Collector c = create(dir)) {
            SampleRecorder rec = collect(c);
            assertThat(rec.value("node_textfile_scrape_error")).contains(1.0);
            assertThat(rec.value("job_ok", "job", "a")).contains(1.0);
            assertThat(rec.value("job_ok", "job", "c", "extra", "x")).contains(0.0);
            assertThat(rec.value("job_ok", "job", "b")).isEmpty();
            assertThat(rec.samples("job_ok").getFirst().labels()).containsEntry("extra", "");
            assertThat(rec.families().get("job_ok").help()).isEqualTo("Job succeeded.");
            assertThat(rec.value("other")).contains(5.0);
            assertThat(rec.samples("node_textfile_mtime_seconds")).hasSize(2);
            assertThat(errors).singleElement().satisfies(e -> assertThat(e.getMessage())
                    .startsWith(dir.resolve("b_bad.prom") + ":2: ").contains("broken line here"));

            // fixed: the error clears and the file's metrics appear; not reported again meanwhile
            collect(c);
            assertThat(errors).hasSize(1);
            Files.writeString(dir.resolve("b_bad.prom"), "job_ok{job=\"b\"} 1\n");
            Files.setLastModifiedTime(dir.resolve("b_bad.prom"), FileTime.fromMillis(1_700_000_000_000L));
            SampleRecorder fixed = collect(c);
            assertThat(fixed.value("node_textfile_scrape_error")).contains(0.0);
            assertThat(fixed.value("job_ok", "job", "b")).contains(1.0);
            assertThat(fixed.value("node_textfile_mtime_seconds", "file", dir.resolve("b_bad.prom").toString()))
                    .contains(1.7e9);
        }
    }

    @Test
    void mergesSameFamilyAcrossFilesAndRejectsConflicts(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("1.prom"), "# TYPE jobs counter\njobs{n=\"1\"} 1\n# HELP hx First.\nhx 1\n");
        Files.writeString(dir.resolve("2.prom"), "# TYPE jobs counter\njobs{n=\"2\"} 2\njobs{n=\"1\"} 9\n");
        Files.writeString(dir.resolve("3.prom"), "# TYPE jobs gauge\njobs{n=\"3\"} 3\n# HELP hx Other.\nhx{a=\"b\"} 2\n");
        try (Collector c = create(dir)) {
            SampleRecorder rec = collect(c);
            assertThat(rec.families().get("jobs").type()).isEqualTo(MetricType.COUNTER);
            assertThat(rec.samples("jobs")).extracting(RecordedSample::value).containsExactly(1.0, 2.0);
            assertThat(rec.families().get("jobs").help()).isEqualTo("Metric read from " + dir.resolve("1.prom")
                    + ", " + dir.resolve("2.prom"));
            assertThat(rec.samples("hx")).hasSize(1);
            assertThat(rec.value("node_textfile_scrape_error")).contains(1.0);
            assertThat(errors).extracting(Throwable::getMessage).anySatisfy(m -> assertThat(m)
                    .startsWith(dir.resolve("2.prom") + ":3: series: duplicate series of jobs"))
                    .anySatisfy(m -> assertThat(m).contains("inconsistent type"))
                    .anySatisfy(m -> assertThat(m).contains("inconsistent help text"));
        }
    }

    @Test
    void histogramsAndSummaries(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("h.prom"), """
                # HELP rpc_seconds RPC latency.
                # TYPE rpc_seconds histogram
                rpc_seconds_bucket{le="0.5",m="get"} 4
                rpc_seconds_bucket{le="0.1",m="get"} 3
                rpc_seconds_bucket{le="+Inf",m="get"} 5
                rpc_seconds_sum{m="get"} 1.25
                rpc_seconds_count{m="get"} 5
                # TYPE lat summary
                lat{quantile="0.5"} 0.2
                lat_sum 9
                lat_count 30
                """);
        try (Collector c = create(dir)) {
            SampleRecorder rec = collect(c);
            assertThat(rec.families().get("rpc_seconds").type()).isEqualTo(MetricType.HISTOGRAM);
            assertThat(rec.value("rpc_seconds_bucket", "m", "get", "le", "0.1")).contains(3.0);
            assertThat(rec.value("rpc_seconds_bucket", "m", "get", "le", "0.5")).contains(4.0);
            assertThat(rec.value("rpc_seconds_bucket", "m", "get", "le", "+Inf")).contains(5.0);
            assertThat(rec.value("rpc_seconds_sum", "m", "get")).contains(1.25);
            assertThat(rec.value("lat", "quantile", "0.5")).contains(0.2);
            assertThat(rec.value("lat_sum")).contains(9.0);
            assertThat(rec.value("lat_count")).contains(30.0);
            assertThat(rec.value("node_textfile_scrape_error")).contains(0.0);
        }
    }

    @Test
    void reservedNamesAndMissingDirectoryAreErrors(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("x.prom"), "node_textfile_scrape_error 0\n");
        try (Collector c = create(dir)) {
            SampleRecorder rec = collect(c);
            assertThat(rec.value("node_textfile_scrape_error")).contains(1.0);
        }
        try (Collector c = create(dir.resolve("missing"))) {
            SampleRecorder rec = collect(c);
            assertThat(rec.families()).containsOnlyKeys("node_textfile_scrape_error");
            assertThat(rec.value("node_textfile_scrape_error")).contains(1.0);
        }
    }

    @Test
    void noDirectoryConfiguredIsUnavailable() {
        assertThatThrownBy(() -> Collect.once(new TextfileCollector.Factory(), HostPaths.host()))
                .isInstanceOf(CollectorUnavailableException.class)
                .hasMessageContaining("collector.textfile.directory");
    }
}
