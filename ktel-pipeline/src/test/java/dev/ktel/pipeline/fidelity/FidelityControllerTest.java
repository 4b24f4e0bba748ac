package dev.ktel.pipeline.fidelity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktel.core.metric.SampleRecorder;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FidelityControllerTest {
    private static final long SECOND = 1_000_000_000L;

    /** A CPU clock the test advances: the seam through which the controller reads the agent's CPU time. */
    private static final class Clocks implements CpuTimeSource {
        long cpu;
        long wall;

        /** One 10 s window at the given usage in cores. */
        void window(double cores) {
            wall += 10 * SECOND;
            cpu += (long) (cores * 10 * SECOND);
        }

        @Override
        public long cpuNanos() {
            return cpu;
        }
    }

    private static FidelitySettings settings() {
        return new FidelitySettings(true, 0.01, Duration.ofSeconds(10), 0.5, 3, 4, 2, 0.1, Set.of("process"));
    }

    @Test
    void shedsInOrderWhileOverBudgetAndRestoresWithHysteresis() {
        Clocks c = new Clocks();
        FidelityController f = new FidelityController(settings(), c, () -> c.wall);
        assertThat(f.evaluate()).as("first call is the baseline").isZero();
        c.window(0.05);
        assertThat(f.evaluate()).isEqualTo(1);
        assertThat(f.intervalMultiplier("process")).isEqualTo(4);
        assertThat(f.intervalMultiplier("cpu")).as("not low priority").isEqualTo(1);
        assertThat(f.coarsenHistograms()).isFalse();
        c.window(0.05);
        assertThat(f.evaluate()).isEqualTo(2);
        assertThat(f.coarsenHistograms()).isTrue();
        assertThat(f.samplingFactor()).isEqualTo(1.0);
        c.window(0.05);
        assertThat(f.evaluate()).isEqualTo(3);
        assertThat(f.samplingFactor()).isEqualTo(0.1);
        c.window(0.05);
        assertThat(f.evaluate()).as("capped").isEqualTo(3);

        c.window(0.008); // under budget but above restoreBelow (0.005): hold
        assertThat(f.evaluate()).isEqualTo(3);
        c.window(0.001);
        c.window(0.0); // two windows at once count as one long calm window
        assertThat(f.evaluate()).isEqualTo(3);
        c.window(0.001);
        assertThat(f.evaluate()).isEqualTo(3);
        c.window(0.001);
        assertThat(f.evaluate()).as("third calm window in a row").isEqualTo(2);
        c.window(0.02); // a spike resets the calm count and sheds again
        assertThat(f.evaluate()).isEqualTo(3);
        for (int i = 0; i < 9; i++) {
            c.window(0.001);
            f.evaluate();
        }
        assertThat(f.level()).isZero();
        assertThat(f.samplingFactor()).isEqualTo(1.0);
    }

    @Test
    void exportsLevelAndShedActions() {
        Clocks c = new Clocks();
        FidelityController f = new FidelityController(settings(), c, () -> c.wall);
        f.evaluate();
        c.window(0.5);
        f.evaluate();
        c.window(0.5);
        f.evaluate();
        SampleRecorder rec = new SampleRecorder();
        f.writeMetrics(rec);
        assertThat(rec.value("ktel_fidelity_level")).contains(2.0);
        assertThat(rec.value("ktel_fidelity_shed", "action", "collector_interval")).contains(1.0);
        assertThat(rec.value("ktel_fidelity_shed", "action", "histogram_buckets")).contains(1.0);
        assertThat(rec.value("ktel_fidelity_shed", "action", "event_sampling")).contains(0.0);
        assertThat(rec.value("ktel_fidelity_cpu_usage_cores")).hasValueSatisfying(v -> assertThat(v).isEqualTo(0.5,
                org.assertj.core.data.Offset.offset(1e-9)));
    }

    @Test
    void failedCpuReadsHoldTheLevelAndAreCounted() {
        FidelityController f = new FidelityController(settings(), () -> {
            throw new IOException("gone");
        }, System::nanoTime);
        assertThat(f.evaluate()).isZero();
        SampleRecorder rec = new SampleRecorder();
        f.writeMetrics(rec);
        assertThat(rec.value("ktel_fidelity_measure_errors_total")).contains(1.0);
    }

    /**
     * Real busy work measured through /proc/self/stat: spinning until the kernel has charged 100 ms of CPU (at
     * most 10 s of wall time on a loaded machine) is far above a 1 % budget, so the controller sheds one level.
     */
    @Test
    void realBusyWorkIsSeenThroughProcSelfStat() throws Exception {
        ProcSelfCpuTime cpu = new ProcSelfCpuTime();
        FidelityController f = new FidelityController(settings(), cpu, System::nanoTime);
        f.evaluate();
        long before = cpu.cpuNanos();
        long deadline = System.nanoTime() + 10_000_000_000L;
        long x = 0;
        while (cpu.cpuNanos() - before < 100_000_000L && System.nanoTime() < deadline) {
            for (int i = 0; i < 100_000; i++) {
                x += Long.numberOfTrailingZeros(x + i);
            }
        }
        assertThat(x).isNotNegative();
        assertThat(cpu.cpuNanos() - before).as("CPU time charged for the spin").isGreaterThanOrEqualTo(100_000_000L);
        assertThat(f.evaluate()).isEqualTo(1);
    }
}
