package dev.ktel.pipeline.sampling;

import dev.ktel.core.event.Event;
import dev.ktel.core.event.EventSink;
import dev.ktel.core.metric.MetricFamily;
import dev.ktel.core.metric.MetricSink;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;

/**
 * Samples high-volume event streams (a stream is an event type). Each configured stream keeps an event with
 * probability {@code ratio × shedFactor} (the shed factor comes from adaptive fidelity, 1 normally). Every kept
 * event of a sampled stream carries that probability in the attribute {@code sampling_ratio}, so a count
 * scales back without bias by summing {@code 1 / sampling_ratio} over the kept events (Horvitz–Thompson), even
 * when the ratio changed in between. Protected events ({@link ProtectedEvents}) are never sampled, and a
 * protected type cannot be configured. Thread-safe.
 */
public final class EventSampler implements EventSink {
    public static final String RATIO_ATTRIBUTE = "sampling_ratio";

    static final MetricFamily RATIO = MetricFamily.gauge("ktel_sampling_ratio",
            "Probability with which an event of the stream is kept now (1 = not sampled).", "stream");
    static final MetricFamily DECISIONS = MetricFamily.counter("ktel_sampled_events_total",
            "Events of sampled streams, by stream and whether sampling kept or dropped them.", "stream", "outcome");

    private final Map<String, Double> ratios;
    private final DoubleSupplier shedFactor;
    private final EventSink next;
    private final SplittableRandom random;
    private final Map<String, long[]> counts = new HashMap<>();

    /**
     * @param ratios     keep probability per stream, in (0, 1]; a stream at 1 is only sampled when shedding
     * @param shedFactor multiplier from adaptive fidelity, in (0, 1]
     * @param seed       random seed (fixed in tests; the agent uses a random one)
     */
    public EventSampler(Map<String, Double> ratios, DoubleSupplier shedFactor, long seed, EventSink next) {
        for (Map.Entry<String, Double> e : ratios.entrySet()) {
            if (ProtectedEvents.isProtectedType(e.getKey())) {
                throw new IllegalArgumentException(e.getKey() + ": this event type is never sampled");
            }
            double r = e.getValue();
            if (!(r > 0 && r <= 1)) {
                throw new IllegalArgumentException(e.getKey() + ": ratio must be in (0, 1], got " + r);
            }
        }
        this.ratios = Map.copyOf(ratios);
        this.shedFactor = shedFactor;
        this.next = next;
        this.random = new SplittableRandom(seed);
    }

    /** The keep probability of a stream now. */
    public double ratio(String stream) {
        Double r = ratios.get(stream);
        return r == null ? 1.0 : effective(r, shedFactor.getAsDouble());
    }

    private static double effective(double ratio, double shedFactor) {
        return Math.min(1.0, ratio * Math.max(Double.MIN_NORMAL, Math.min(1.0, shedFactor)));
    }

    /** {@code ktel_sampling_ratio{stream}} for configured streams before any event source is attached. */
    public static void writeRatios(Map<String, Double> ratios, double shedFactor, MetricSink sink) {
        Map<String, Double> all = dev.ktel.core.metric.SamplingRatios.snapshot();
        ratios.forEach((stream, r) -> all.put(stream, effective(r, shedFactor)));
        writeFamily(all, sink);
    }

    /** The one ratio family: configured event streams plus sources that sample on their own (eBPF probes). */
    private static void writeFamily(Map<String, Double> sorted, MetricSink sink) {
        sink.family(RATIO);
        sorted.forEach(sink::sample);
    }

    @Override
    public void accept(Event e) {
        if (ProtectedEvents.isProtected(e) || !ratios.containsKey(e.type())) {
            next.accept(e);
            return;
        }
        double p = ratio(e.type());
        if (p >= 1.0) {
            count(e.type(), 0);
            next.accept(e);
            return;
        }
        boolean keep;
        synchronized (random) {
            keep = random.nextDouble() < p;
        }
        count(e.type(), keep ? 0 : 1);
        if (keep) {
            Map<String, String> attrs = new LinkedHashMap<>(e.attributes());
            attrs.put(RATIO_ATTRIBUTE, Double.toString(p));
            next.accept(new Event(e.timestampNanos(), e.host(), e.type(), e.severity(), e.key(), attrs, e.message(),
                    e.source(), e.sequence()));
        }
    }

    private synchronized void count(String stream, int outcome) {
        counts.computeIfAbsent(stream, k -> new long[2])[outcome]++;
    }

    /** {@code ktel_sampling_ratio{stream}} for every configured stream, and the keep/drop counts. */
    public void writeMetrics(MetricSink sink) {
        Map<String, Double> all = dev.ktel.core.metric.SamplingRatios.snapshot();
        for (String stream : ratios.keySet()) {
            all.put(stream, ratio(stream));
        }
        writeFamily(all, sink);
        Map<String, long[]> copy = new java.util.TreeMap<>();
        synchronized (this) {
            counts.forEach((k, v) -> copy.put(k, v.clone()));
        }
        sink.family(DECISIONS);
        for (Map.Entry<String, long[]> c : copy.entrySet()) {
            sink.sample(c.getKey(), "kept", c.getValue()[0]);
            sink.sample(c.getKey(), "dropped", c.getValue()[1]);
        }
    }

    /** The count an event stands for: 1 / its sampling ratio (1 when it was not sampled). */
    public static double weight(Event e) {
        String r = e.attribute(RATIO_ATTRIBUTE);
        return r == null ? 1.0 : 1.0 / Double.parseDouble(r);
    }
}
