package dev.ktel.pipeline.fidelity;

import dev.ktel.core.metric.MetricSink;
import java.util.HashMap;
import java.util.Map;

/**
 * Shed action 1: runs low-priority collectors only every N-th collection while fidelity is reduced, repeating
 * their last output in between (so /metrics keeps every series and the cost of reading the files is saved).
 * At full fidelity every collector runs every time and nothing is recorded. Used from one collecting thread.
 */
public final class CollectorThrottle {
    /** How the caller runs one collector into a sink. */
    @FunctionalInterface
    public interface Run {
        void collect(MetricSink sink) throws Exception;
    }

    private final FidelityController fidelity;
    private final Map<String, State> states = new HashMap<>();

    private static final class State {
        final RecordedOutput output = new RecordedOutput();
        int skipped;
    }

    public CollectorThrottle(FidelityController fidelity) {
        this.fidelity = fidelity;
    }

    /** Runs the collector, or replays its last output when its longer interval has not elapsed. */
    public void collect(String name, MetricSink sink, Run run) throws Exception {
        int every = fidelity.intervalMultiplier(name);
        if (every <= 1) {
            State s = states.remove(name);
            if (s != null) {
                s.output.clear();
            }
            run.collect(sink);
            return;
        }
        State s = states.computeIfAbsent(name, k -> new State());
        if (!s.output.isEmpty() && s.skipped + 1 < every) {
            s.skipped++;
            s.output.replay(sink);
            return;
        }
        s.skipped = 0;
        try {
            run.collect(s.output.recordTo(sink));
        } catch (Exception | Error e) {
            s.output.clear(); // a failed run's partial output must not be repeated
            throw e;
        }
    }
}
