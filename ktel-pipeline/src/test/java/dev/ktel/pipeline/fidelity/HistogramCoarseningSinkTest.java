package dev.ktel.pipeline.fidelity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktel.core.metric.MetricFamily;
import dev.ktel.core.metric.SampleRecorder;
import org.junit.jupiter.api.Test;

class HistogramCoarseningSinkTest {
    private static final MetricFamily LAT = MetricFamily.histogram("lat_seconds", "Latency.", "op");

    @Test
    void mergesAdjacentBucketsKeepingExactCountsAtKeptBounds() {
        SampleRecorder rec = new SampleRecorder();
        HistogramCoarseningSink s = new HistogramCoarseningSink(2, rec);
        s.family(LAT);
        s.histogram(new String[] {"read"}, new double[] {0.001, 0.01, 0.1, 1, 10}, new long[] {1, 3, 6, 9, 10}, 11,
                4.2);
        assertThat(rec.samples("lat_seconds_bucket")).extracting(x -> x.label("le") + "=" + (long) x.value())
                .containsExactly("0.01=3", "1.0=9", "10.0=10", "+Inf=11");
        assertThat(rec.value("lat_seconds_sum", "op", "read")).contains(4.2);
    }

    @Test
    void evenBucketCountAndMergeOfFour() {
        SampleRecorder rec = new SampleRecorder();
        HistogramCoarseningSink s = new HistogramCoarseningSink(4, rec);
        s.family(LAT);
        s.histogram(new String[] {"w"}, new double[] {1, 2, 3, 4, 5, 6, 7, 8}, new long[] {1, 2, 3, 4, 5, 6, 7, 8}, 9,
                1);
        assertThat(rec.samples("lat_seconds_bucket")).extracting(x -> x.label("le"))
                .containsExactly("4.0", "8.0", "+Inf");
    }
}
