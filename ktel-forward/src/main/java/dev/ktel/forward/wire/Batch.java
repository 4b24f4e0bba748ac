package dev.ktel.forward.wire;

import dev.ktel.core.event.Event;
import java.util.List;

/** What one request carries: metric series and events. A remote write request has no events. */
public record Batch(List<WriteSeries> series, List<Event> events) {
    public Batch {
        series = List.copyOf(series);
        events = List.copyOf(events);
    }

    public int sampleCount() {
        int n = 0;
        for (WriteSeries s : series) {
            n += s.size();
        }
        return n;
    }

    /** Samples plus events: the unit the buffer counts when it drops a batch. */
    public int itemCount() {
        return sampleCount() + events.size();
    }
}
