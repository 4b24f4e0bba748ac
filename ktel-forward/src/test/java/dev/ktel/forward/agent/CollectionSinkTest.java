package dev.ktel.forward.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktel.core.metric.MetricFamily;
import dev.ktel.forward.wire.WriteSeries;
import dev.ktel.store.api.Labels;
import java.util.List;
import org.junit.jupiter.api.Test;

class CollectionSinkTest {

    @Test
    void stampsTargetLabelsAndTheCollectionTime() {
        CollectionSink sink = new CollectionSink("web-1", 1234);
        sink.family(MetricFamily.gauge("node_load1", "load"));
        sink.sample(0.5);
        sink.family(MetricFamily.counter("x_total", "x", "instance", "cpu"));
        sink.sample("collector-said", "0", 7);
        List<WriteSeries> s = sink.series();
        assertThat(s).hasSize(2);
        assertThat(s.get(0).labels()).isEqualTo(Labels.metric("node_load1", "host", "web-1", "instance", "web-1",
                "job", "ktel"));
        assertThat(s.get(0).timestamps()).containsExactly(1234);
        // a collector's own "instance" label is kept as exported_instance, as Prometheus does
        assertThat(s.get(1).labels().get("exported_instance")).isEqualTo("collector-said");
        assertThat(s.get(1).labels().get("instance")).isEqualTo("web-1");
        assertThat(s.get(1).values()).containsExactly(7.0);
    }

    @Test
    void histogramsBecomeBucketSumAndCountSeriesAndRollbackDropsAFailedCollector() {
        CollectionSink sink = new CollectionSink("h", 1);
        sink.family(MetricFamily.histogram("lat_seconds", "l", "op"));
        sink.histogram(new String[] {"read"}, new double[] {0.1, 1}, new long[] {3, 5}, 6, 2.5);
        assertThat(sink.series()).extracting(w -> w.labels().metricName() + "/" + w.labels().get("le"))
                .containsExactly("lat_seconds_bucket/0.1", "lat_seconds_bucket/1", "lat_seconds_bucket/+Inf",
                        "lat_seconds_sum/", "lat_seconds_count/");
        sink.checkpoint();
        sink.family(MetricFamily.gauge("broken", "b"));
        sink.sample(1);
        sink.rollback();
        assertThat(sink.series()).hasSize(5);
    }
}
