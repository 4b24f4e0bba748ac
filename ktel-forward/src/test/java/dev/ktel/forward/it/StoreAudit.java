package dev.ktel.forward.it;

import dev.ktel.store.api.Matcher;
import dev.ktel.store.api.SampleIterator;
import dev.ktel.store.api.Series;
import dev.ktel.store.api.SeriesStore;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts what a store holds for one metric and host: samples, and values seen more than once in a series (a
 * duplicate delivery would show as the same collection number twice, since each collection has its own timestamp).
 */
record StoreAudit(long samples, long duplicates, int series) {

    static StoreAudit of(SeriesStore store, String metric, String host) {
        long samples = 0;
        long dups = 0;
        int n = 0;
        for (Series s : store.select(Long.MIN_VALUE, Long.MAX_VALUE, Matcher.metricName(metric),
                Matcher.eq("host", host))) {
            n++;
            Map<Double, Integer> seen = new HashMap<>();
            SampleIterator it = s.iterator();
            while (it.next()) {
                samples++;
                if (seen.merge(it.v(), 1, Integer::sum) > 1) {
                    dups++;
                }
            }
        }
        return new StoreAudit(samples, dups, n);
    }
}
