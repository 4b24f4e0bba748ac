package dev.ktel.forward.server;

import dev.ktel.store.api.Appender;
import dev.ktel.store.api.Labels;
import dev.ktel.store.api.Matcher;
import dev.ktel.store.api.SampleIterator;
import dev.ktel.store.api.Series;
import dev.ktel.store.api.SeriesStore;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The highest committed batch sequence per agent, kept <em>in the store</em> as the series
 * {@value #SERIES}{agent="..."} whose value is the sequence. The marker sample is appended to the same
 * {@link Appender} as the batch's samples, so it becomes durable in the same commit (one WAL record in the TSDB):
 * after a crash either the batch and its marker are both there or neither is. That is what makes a retried batch
 * safe to drop. Recovered on start by reading the newest marker of each agent.
 */
final class DedupLedger {
    static final String SERIES = "ktel_ingest_batch_sequence";

    /** agent → {sequence, marker timestamp}. */
    private final ConcurrentHashMap<String, long[]> last = new ConcurrentHashMap<>();

    DedupLedger(SeriesStore store) {
        for (Series s : store.select(Long.MIN_VALUE, Long.MAX_VALUE, Matcher.metricName(SERIES))) {
            SampleIterator it = s.iterator();
            long seq = 0;
            long t = Long.MIN_VALUE;
            while (it.next()) {
                seq = Math.max(seq, (long) it.v());
                t = it.t();
            }
            last.put(s.labels().get("agent"), new long[] {seq, t});
        }
    }

    /** True when this batch (or a later one) of the agent is already committed. */
    boolean seen(BatchKey key) {
        long[] e = last.get(key.agent());
        return e != null && key.sequence() <= e[0];
    }

    /** Adds the marker for {@code key} to the batch; call {@link #committed} after the commit returns. */
    long mark(Appender appender, BatchKey key, long nowMillis) {
        long[] e = last.get(key.agent());
        long t = e == null ? nowMillis : Math.max(nowMillis, e[1] + 1);
        appender.append(Labels.metric(SERIES, "agent", key.agent()), t, key.sequence());
        return t;
    }

    void committed(BatchKey key, long markerTime) {
        last.put(key.agent(), new long[] {key.sequence(), markerTime});
    }

    int agents() {
        return last.size();
    }
}
