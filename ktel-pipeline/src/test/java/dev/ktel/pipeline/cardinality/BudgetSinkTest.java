package dev.ktel.pipeline.cardinality;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktel.core.metric.MetricFamily;
import dev.ktel.core.metric.SampleRecorder;
import dev.ktel.core.metric.MetricSink;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import org.junit.jupiter.api.Test;

class BudgetSinkTest {
    private static final MetricFamily REQS = MetricFamily.counter("http_requests_total", "Requests.", "path");
    private static final MetricFamily TEMP = MetricFamily.gauge("temp_celsius", "Temperature.", "sensor", "chip");
    private static final MetricFamily LAT = MetricFamily.histogram("latency_seconds", "Latency.", "path");

    /** Writes {@code n} series of REQS with value 1 each, paths p0..p(n-1). */
    private static SampleRecorder collect(SeriesTracker tracker, int n) {
        SampleRecorder rec = new SampleRecorder();
        BudgetSink sink = new BudgetSink(tracker, rec);
        sink.beginCollection();
        sink.family(REQS);
        for (int i = 0; i < n; i++) {
            sink.sample("p" + i, 1);
        }
        sink.endCollection();
        return rec;
    }

    @Test
    void withinBudgetPassesUnchanged() {
        SeriesTracker t = new SeriesTracker(new CardinalityBudget(10, 100, 10, 3));
        SampleRecorder rec = collect(t, 10);
        assertThat(rec.samples()).hasSize(10);
        assertThat(rec.families().get("http_requests_total")).isSameAs(REQS);
        assertThat(t.active()).isEqualTo(10);
        assertThat(t.rejected()).isEmpty();
    }

    @Test
    void overBudgetFoldsIntoOneOverflowSeriesFromTheNextCollection() {
        SeriesTracker t = new SeriesTracker(new CardinalityBudget(3, 100, 10, 3));
        SampleRecorder first = collect(t, 5);
        assertThat(first.samples()).extracting(s -> s.label("path")).containsExactly("p0", "p1", "p2");
        assertThat(t.rejected()).containsEntry("http_requests_total", 2L);

        SampleRecorder second = collect(t, 5);
        assertThat(second.families().get("http_requests_total").labelNames()).containsExactly("path", "ktel_overflow");
        assertThat(second.value("http_requests_total", "path", "p1", "ktel_overflow", "")).contains(1.0);
        assertThat(second.value("http_requests_total", "path", "", "ktel_overflow", "true")).contains(2.0);
        assertThat(second.samples()).hasSize(4);
        assertThat(t.rejected()).containsEntry("http_requests_total", 4L);
        assertThat(t.active()).isEqualTo(3);
    }

    @Test
    void totalBudgetSpansFamilies() {
        SeriesTracker t = new SeriesTracker(new CardinalityBudget(100, 4, 10, 3));
        SampleRecorder rec = new SampleRecorder();
        BudgetSink sink = new BudgetSink(t, rec);
        sink.beginCollection();
        sink.family(REQS);
        sink.sample("a", 1);
        sink.sample("b", 1);
        sink.sample("c", 1);
        sink.family(TEMP);
        sink.sample("s1", "c1", 40);
        sink.sample("s2", "c1", 41);
        sink.sample("s3", "c1", 42);
        sink.endCollection();
        assertThat(rec.samples()).hasSize(4);
        assertThat(t.rejected()).containsEntry("temp_celsius", 2L).doesNotContainKey("http_requests_total");
        assertThat(t.top(10)).extracting(e -> e.getKey() + "=" + e.getValue())
                .containsExactly("http_requests_total=3", "temp_celsius=1");
    }

    @Test
    void seriesUnseenForTheExpiryWindowFreeTheirBudget() {
        SeriesTracker t = new SeriesTracker(new CardinalityBudget(3, 100, 10, 2));
        collect(t, 3);
        assertThat(t.active()).isEqualTo(3);
        collect(t, 0); // family announced, no series
        assertThat(t.active()).as("still within the window").isEqualTo(3);
        collect(t, 0);
        assertThat(t.active()).as("expired after 2 collections unseen").isZero();
        SampleRecorder rec = new SampleRecorder();
        BudgetSink sink = new BudgetSink(t, rec);
        sink.beginCollection();
        sink.family(REQS);
        for (String p : new String[] {"x", "y", "z"}) {
            sink.sample(p, 1);
        }
        sink.endCollection();
        assertThat(rec.samples()).hasSize(3);
    }

    @Test
    void histogramsOverBudgetMergeBucketByBucket() {
        SeriesTracker t = new SeriesTracker(new CardinalityBudget(1, 100, 10, 3));
        double[] bounds = {0.1, 1};
        SampleRecorder rec = null;
        for (int round = 0; round < 2; round++) {
            rec = new SampleRecorder();
            BudgetSink sink = new BudgetSink(t, rec);
            sink.beginCollection();
            sink.family(LAT);
            sink.histogram(new String[] {"/a"}, bounds, new long[] {1, 2}, 3, 1.5);
            sink.histogram(new String[] {"/b"}, bounds, new long[] {2, 4}, 5, 2.0);
            sink.histogram(new String[] {"/c"}, bounds, new long[] {1, 1}, 1, 0.5);
            sink.endCollection();
        }
        assertThat(rec.value("latency_seconds_bucket", "ktel_overflow", "true", "le", "1.0")).contains(5.0);
        assertThat(rec.value("latency_seconds_count", "ktel_overflow", "true")).contains(6.0);
        assertThat(rec.value("latency_seconds_sum", "ktel_overflow", "true")).contains(2.5);
        assertThat(rec.value("latency_seconds_count", "path", "/a")).contains(3.0);
    }

    @Test
    void familiesBeyondTheFamilyBudgetAreRejectedWhole() {
        SeriesTracker t = new SeriesTracker(new CardinalityBudget(10, 100, 1, 3));
        SampleRecorder rec = new SampleRecorder();
        BudgetSink sink = new BudgetSink(t, rec);
        sink.beginCollection();
        sink.family(REQS);
        sink.sample("a", 1);
        sink.family(TEMP);
        sink.sample("s", "c", 1);
        sink.endCollection();
        assertThat(rec.families()).containsOnlyKeys("http_requests_total");
        assertThat(t.rejected()).containsEntry(SeriesTracker.OTHER, 1L);
    }

    /**
     * One million distinct series offered (ten collections of 100,000 new ones): the tracker keeps at most the
     * total budget of entries and slots, and the heap retained after the attempt stays a few MB, where keeping
     * the series would take hundreds.
     */
    @Test
    void aMillionSeriesAttemptKeepsMemoryBounded() {
        CardinalityBudget budget = new CardinalityBudget(10_000, 50_000, 100, 5);
        SeriesTracker t = new SeriesTracker(budget);
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        long before = usedHeapAfterGc(mem);
        MetricFamily[] families = new MetricFamily[20];
        for (int f = 0; f < families.length; f++) {
            families[f] = MetricFamily.gauge("flood_" + f, "Flood.", "id", "pod");
        }
        CountingSink out = new CountingSink();
        BudgetSink sink = new BudgetSink(t, out);
        int offered = 0;
        for (int round = 0; round < 10; round++) {
            sink.beginCollection();
            for (MetricFamily f : families) {
                sink.family(f);
                for (int i = 0; i < 5_000; i++) {
                    sink.sample("series-" + offered, "pod-" + (offered % 977), 1);
                    offered++;
                }
            }
            sink.endCollection();
            assertThat(t.active()).isLessThanOrEqualTo(budget.total());
            assertThat(t.allocatedSlots()).isLessThanOrEqualTo(4L * budget.total());
        }
        assertThat(offered).isEqualTo(1_000_000);
        long rejected = t.rejected().values().stream().mapToLong(Long::longValue).sum();
        // 50,000 admitted in the first collection; they expire after 5 unseen collections, which lets the
        // sixth admit another 50,000: everything else is rejected
        assertThat(rejected).isEqualTo(900_000);
        assertThat(out.samples).isEqualTo(offered - rejected + overflowSeries(out));
        long retained = usedHeapAfterGc(mem) - before;
        assertThat(retained).as("heap retained by the tracker after 1M series").isLessThan(16L << 20);
        assertThat(t).isNotNull(); // keep the tracker reachable until after the measurement
    }

    private static long overflowSeries(CountingSink out) {
        return out.overflow;
    }

    private static long usedHeapAfterGc(MemoryMXBean mem) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return mem.getHeapMemoryUsage().getUsed();
    }

    /** Counts what reaches it and keeps nothing. */
    private static final class CountingSink implements MetricSink {
        long samples;
        long overflow;

        @Override
        public void family(MetricFamily f) {
        }

        @Override
        public void sample(double value) {
            samples++;
        }

        @Override
        public void sample(String v1, double value) {
            samples++;
        }

        @Override
        public void sample(String v1, String v2, double value) {
            samples++;
        }

        @Override
        public void sample(String v1, String v2, String v3, double value) {
            samples++;
        }

        @Override
        public void sample(String[] values, double value) {
            samples++;
            if (values[values.length - 1].equals("true")) {
                overflow++;
            }
        }

        @Override
        public void histogram(String[] v, double[] b, long[] c, long n, double s) {
            samples++;
        }
    }
}
