package dev.ktel.pipeline.fidelity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ktel.core.metric.MetricFamily;
import dev.ktel.core.metric.SampleRecorder;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CollectorThrottleTest {
    private static final MetricFamily PROCS = MetricFamily.gauge("procs", "Processes.", "state", "user", "cmd", "x");

    @Test
    void lowPriorityCollectorRunsEveryNthTimeAndItsOutputIsRepeated() throws Exception {
        long[] clock = {0, 0};
        FidelityController f = new FidelityController(
                new FidelitySettings(true, 0.01, Duration.ofSeconds(1), 0.5, 1, 3, 2, 0.1, Set.of("process")),
                () -> clock[0], () -> clock[1]);
        f.evaluate();
        clock[0] += 1_000_000_000L; // one core for one second: over budget
        clock[1] += 1_000_000_000L;
        f.evaluate();
        assertThat(f.level()).isEqualTo(1);
        CollectorThrottle t = new CollectorThrottle(f);
        int[] runs = {0};
        String[] lastOutput = new String[6];
        for (int i = 0; i < 6; i++) {
            SampleRecorder rec = new SampleRecorder();
            t.collect("process", rec, sink -> {
                runs[0]++;
                sink.family(PROCS);
                sink.sample(new String[] {"R", "root", "run" + runs[0], "y"}, runs[0]);
            });
            lastOutput[i] = rec.samples().getFirst().label("cmd");
        }
        assertThat(runs[0]).isEqualTo(2);
        assertThat(lastOutput).containsExactly("run1", "run1", "run1", "run2", "run2", "run2");

        int[] other = {0};
        for (int i = 0; i < 3; i++) {
            t.collect("cpu", new SampleRecorder(), sink -> other[0]++);
        }
        assertThat(other[0]).as("not low priority: every time").isEqualTo(3);
    }

    @Test
    void failedRunIsNotRepeated() throws Exception {
        long[] clock = {0, 0};
        FidelityController f = new FidelityController(
                new FidelitySettings(true, 0.01, Duration.ofSeconds(1), 0.5, 1, 3, 2, 0.1, Set.of("process")),
                () -> clock[0], () -> clock[1]);
        f.evaluate();
        clock[0] += 1_000_000_000L;
        clock[1] += 1_000_000_000L;
        f.evaluate();
        CollectorThrottle t = new CollectorThrottle(f);
        assertThatThrownBy(() -> t.collect("process", new SampleRecorder(), sink -> {
            sink.family(PROCS);
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        int[] runs = {0};
        t.collect("process", new SampleRecorder(), sink -> runs[0]++);
        assertThat(runs[0]).as("ran again instead of replaying a partial output").isEqualTo(1);
    }
}
