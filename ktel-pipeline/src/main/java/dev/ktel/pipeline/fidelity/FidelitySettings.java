package dev.ktel.pipeline.fidelity;

import java.time.Duration;
import java.util.Set;

/**
 * Adaptive fidelity settings.
 *
 * @param enabled            whether the controller runs (default true)
 * @param cpuBudget          agent CPU budget in cores (default 0.01 = 1 % of one core)
 * @param window             measurement window; one level step per window at most (default 30s)
 * @param restoreBelow       restore one level when usage stays below this fraction of the budget (default 0.5)
 * @param restoreAfter       ... for this many consecutive windows (default 3): the hysteresis
 * @param intervalMultiplier low-priority collectors run once every N collections when shed (default 4)
 * @param histogramMerge     adjacent buckets merged into one when shed (default 2)
 * @param samplingFactor     sampled streams keep this share of what they normally keep when shed (default 0.1)
 * @param lowPriority        collectors shed first (default: process, cgroup, textfile, hwmon, thermal_zone)
 */
public record FidelitySettings(boolean enabled, double cpuBudget, Duration window, double restoreBelow,
        int restoreAfter, int intervalMultiplier, int histogramMerge, double samplingFactor, Set<String> lowPriority) {

    public static final FidelitySettings DEFAULT = new FidelitySettings(true, 0.01, Duration.ofSeconds(30), 0.5, 3, 4,
            2, 0.1, Set.of("process", "cgroup", "textfile", "hwmon", "thermal_zone"));

    public FidelitySettings {
        lowPriority = Set.copyOf(lowPriority);
        if (!(cpuBudget > 0)) {
            throw new IllegalArgumentException("cpu-budget must be positive, got " + cpuBudget);
        }
        if (window.toMillis() < 100) {
            throw new IllegalArgumentException("window must be at least 100ms, got " + window);
        }
        if (!(restoreBelow > 0 && restoreBelow < 1)) {
            throw new IllegalArgumentException("restore-below must be in (0, 1), got " + restoreBelow);
        }
        if (restoreAfter < 1 || intervalMultiplier < 1 || histogramMerge < 2) {
            throw new IllegalArgumentException("restore-after and interval-multiplier must be >= 1, histogram-merge >= 2");
        }
        if (!(samplingFactor > 0 && samplingFactor <= 1)) {
            throw new IllegalArgumentException("sampling-factor must be in (0, 1], got " + samplingFactor);
        }
    }
}
