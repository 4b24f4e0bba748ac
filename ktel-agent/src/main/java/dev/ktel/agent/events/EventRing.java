package dev.ktel.agent.events;

import dev.ktel.core.event.Event;
import dev.ktel.core.event.EventSink;
import dev.ktel.core.event.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The last N events in memory (default 10,000), until an event store persists them. Thread-safe: sources add
 * from their threads, the API queries from the HTTP threads. Counts every event ever accepted by type and
 * severity (for {@code ktel_kernel_events_total}), including those the ring has since dropped.
 */
public final class EventRing implements EventSink {
    public static final int DEFAULT_CAPACITY = 10_000;

    private final Event[] ring;
    private int next;
    private int size;
    private long accepted;
    private long evicted;
    private final Map<String, long[]> counts = new TreeMap<>();

    public EventRing() {
        this(DEFAULT_CAPACITY);
    }

    public EventRing(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive, got " + capacity);
        }
        ring = new Event[capacity];
    }

    @Override
    public synchronized void accept(Event event) {
        if (size == ring.length) {
            evicted++;
        } else {
            size++;
        }
        ring[next] = event;
        next = (next + 1) % ring.length;
        accepted++;
        counts.computeIfAbsent(event.type(), t -> new long[Severity.values().length])[event.severity().ordinal()]++;
    }

    /** Matching events, newest first (by arrival), at most {@code q.limit()}. */
    public synchronized List<Event> query(EventQuery q) {
        List<Event> out = new ArrayList<>(Math.min(q.limit(), size));
        for (int i = 0; i < size && out.size() < q.limit(); i++) {
            Event e = ring[Math.floorMod(next - 1 - i, ring.length)];
            if (q.matches(e)) {
                out.add(e);
            }
        }
        return out;
    }

    public synchronized int size() {
        return size;
    }

    public int capacity() {
        return ring.length;
    }

    public synchronized long accepted() {
        return accepted;
    }

    /** Events pushed out of the ring by newer ones. */
    public synchronized long evicted() {
        return evicted;
    }

    /** Count of every accepted event by type, then by severity ordinal; a copy, sorted by type. */
    public synchronized Map<String, long[]> countsByTypeAndSeverity() {
        Map<String, long[]> copy = new TreeMap<>();
        counts.forEach((k, v) -> copy.put(k, v.clone()));
        return copy;
    }

    public synchronized long count(String type, Severity severity) {
        long[] c = counts.get(type);
        return c == null ? 0 : c[severity.ordinal()];
    }
}
