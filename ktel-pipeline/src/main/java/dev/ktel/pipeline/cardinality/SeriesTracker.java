package dev.ktel.pipeline.cardinality;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which series are active, per family and in total, within the budgets. A new series is admitted while its
 * family is under the per-metric budget and all families together are under the total; otherwise it is
 * rejected (and folded into the overflow series by {@link BudgetSink}). Series unseen for
 * {@code expireAfter} collections are forgotten, and families with none left too. Memory is bounded by the
 * budgets: at most {@code total} series hashes (16 bytes a slot, at most twice the entries) and
 * {@code maxMetrics} families, whatever is offered. Thread-safe.
 */
public final class SeriesTracker {
    /** Rejections of families beyond {@code maxMetrics} are counted under this metric name. */
    public static final String OTHER = "__other__";

    private final CardinalityBudget budget;
    private final Map<String, FamilyState> families = new HashMap<>();
    private final Map<String, long[]> rejected = new LinkedHashMap<>();
    private int round = 1;
    private int active;

    public SeriesTracker(CardinalityBudget budget) {
        this.budget = budget;
    }

    public CardinalityBudget budget() {
        return budget;
    }

    /** The state of a family, created on first sight; null when {@code maxMetrics} families are tracked. */
    synchronized FamilyState family(String name) {
        FamilyState f = families.get(name);
        if (f == null) {
            if (families.size() >= budget.maxMetrics()) {
                return null;
            }
            f = new FamilyState(name);
            families.put(name, f);
        }
        f.lastTouched = round;
        return f;
    }

    /** True when the series is kept (known or admitted), false when it is over a budget. */
    synchronized boolean offer(FamilyState f, long key) {
        if (f.series.touch(key, round)) {
            return true;
        }
        if (f.series.size() < budget.perMetric() && active < budget.total()) {
            f.series.add(key, round);
            active++;
            return true;
        }
        f.overflowThis = true;
        countRejected(f.name);
        return false;
    }

    synchronized void rejectUntracked() {
        countRejected(OTHER);
    }

    private void countRejected(String metric) {
        long[] c = rejected.get(metric);
        if (c == null) {
            if (rejected.size() >= budget.maxMetrics()) {
                c = rejected.computeIfAbsent(OTHER, k -> new long[1]);
            } else {
                c = new long[1];
                rejected.put(metric, c);
            }
        }
        c[0]++;
    }

    /** Ends a collection: expires old series and families, and carries the overflow state over. */
    public synchronized void endCollection() {
        int oldestKept = round - budget.expireAfter() + 1;
        for (Iterator<FamilyState> it = families.values().iterator(); it.hasNext(); ) {
            FamilyState f = it.next();
            active -= f.series.expire(oldestKept);
            f.overflowLast = f.overflowThis;
            f.overflowThis = false;
            if (f.series.size() == 0 && f.lastTouched < oldestKept) {
                it.remove();
            }
        }
        round++;
    }

    /** Series currently active (the cardinality SLI). */
    public synchronized int active() {
        return active;
    }

    public synchronized int trackedFamilies() {
        return families.size();
    }

    /** Hash slots allocated over all families: what the tracker's memory is proportional to. */
    public synchronized long allocatedSlots() {
        long n = 0;
        for (FamilyState f : families.values()) {
            n += f.series.capacity();
        }
        return n;
    }

    public synchronized int active(String metric) {
        FamilyState f = families.get(metric);
        return f == null ? 0 : f.series.size();
    }

    /** Rejected series-samples by metric since start (a copy). */
    public synchronized Map<String, Long> rejected() {
        Map<String, Long> m = new LinkedHashMap<>();
        rejected.forEach((k, v) -> m.put(k, v[0]));
        return m;
    }

    /** The {@code n} families with the most active series, largest first. */
    public synchronized List<Map.Entry<String, Integer>> top(int n) {
        List<Map.Entry<String, Integer>> all = new ArrayList<>();
        for (FamilyState f : families.values()) {
            if (f.series.size() > 0) {
                all.add(Map.entry(f.name, f.series.size()));
            }
        }
        all.sort(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        return all.subList(0, Math.min(n, all.size()));
    }
}
