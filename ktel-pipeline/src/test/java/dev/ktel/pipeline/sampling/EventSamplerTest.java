package dev.ktel.pipeline.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ktel.core.event.CorrelationKey;
import dev.ktel.core.event.Event;
import dev.ktel.core.event.Severity;
import dev.ktel.core.metric.SampleRecorder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventSamplerTest {

    private static Event event(String type, Severity sev, long seq) {
        return new Event(seq, "h1", type, sev, CorrelationKey.NONE, Map.of("pid", "1"), type + " " + seq, "kmsg", seq);
    }

    /**
     * A known stream of 200,000 log events sampled at 10 %: the Horvitz–Thompson estimate (sum of
     * 1/sampling_ratio over kept events) is within 4 standard deviations of the truth. The standard deviation of
     * the estimate is sqrt(N (1 - p) / p) ≈ 1,342, so the bound is ±5,367 (0.006 % chance of a false failure; the
     * seed is fixed, so the test is deterministic).
     */
    @Test
    void scaledCountIsUnbiasedWithinAStatisticalBound() {
        List<Event> kept = new ArrayList<>();
        EventSampler s = new EventSampler(Map.of("log", 0.1), () -> 1.0, 42, kept::add);
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            s.accept(event("log", Severity.INFO, i));
        }
        double estimate = kept.stream().mapToDouble(EventSampler::weight).sum();
        double sd = Math.sqrt(n * 0.9 / 0.1);
        assertThat(estimate).isBetween(n - 4 * sd, n + 4 * sd);
        assertThat(kept).allSatisfy(e -> assertThat(e.attribute("sampling_ratio")).isEqualTo("0.1"));
        assertThat(kept.size()).isBetween(19_000, 21_000);
    }

    /** The ratio changes mid-stream (fidelity shed): each record carries its own, so the sum stays unbiased. */
    @Test
    void ratioCarriedPerRecordKeepsTheEstimateUnbiasedAcrossChanges() {
        List<Event> kept = new ArrayList<>();
        double[] factor = {1.0};
        EventSampler s = new EventSampler(Map.of("nic_link", 0.5), () -> factor[0], 7, kept::add);
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            factor[0] = i < n / 2 ? 1.0 : 0.1; // second half: keep 5 %
            s.accept(event("nic_link", Severity.WARNING, i));
        }
        double estimate = kept.stream().mapToDouble(EventSampler::weight).sum();
        // variance: sum over events of (1 - p) / p = 50,000 * 1 + 50,000 * 19
        double sd = Math.sqrt(50_000 * 1.0 + 50_000 * 19.0);
        assertThat(estimate).isBetween(n - 4 * sd, n + 4 * sd);
        assertThat(kept.stream().map(e -> e.attribute("sampling_ratio")).distinct()).containsExactlyInAnyOrder("0.5",
                "0.05");
        double naive = kept.size() / 0.5;
        assertThat(Math.abs(naive - n)).as("a single ratio would be far off").isGreaterThan(20 * sd);
    }

    @Test
    void protectedEventsAreNeverSampled() {
        List<Event> kept = new ArrayList<>();
        EventSampler s = new EventSampler(Map.of("log", 0.001), () -> 0.001, 1, kept::add);
        for (int i = 0; i < 1000; i++) {
            s.accept(event("oom_kill", Severity.ERR, i));
            s.accept(event("log", Severity.CRIT, i)); // crit and worse: never sampled
        }
        assertThat(kept).hasSize(2000).allSatisfy(e -> assertThat(e.attribute("sampling_ratio")).isNull());
        assertThatThrownBy(() -> new EventSampler(Map.of("oom_kill", 0.5), () -> 1, 1, e -> { }))
                .hasMessageContaining("oom_kill: this event type is never sampled");
        assertThatThrownBy(() -> new EventSampler(Map.of("log", 0.0), () -> 1, 1, e -> { }))
                .hasMessageContaining("ratio must be in (0, 1]");
    }

    @Test
    void unconfiguredStreamsPassAndRatioIsExported() {
        List<Event> kept = new ArrayList<>();
        double[] factor = {1.0};
        EventSampler s = new EventSampler(Map.of("log", 1.0), () -> factor[0], 1, kept::add);
        s.accept(event("nic_link", Severity.INFO, 1));
        s.accept(event("log", Severity.INFO, 2));
        assertThat(kept).hasSize(2).allSatisfy(e -> assertThat(e.attribute("sampling_ratio")).isNull());
        factor[0] = 0.25;
        SampleRecorder rec = new SampleRecorder();
        s.writeMetrics(rec);
        assertThat(rec.value("ktel_sampling_ratio", "stream", "log")).contains(0.25);
        assertThat(rec.value("ktel_sampled_events_total", "stream", "log", "outcome", "kept")).contains(1.0);
    }
}
