package dev.ktel.agent.events;

import dev.ktel.core.event.Event;
import dev.ktel.core.event.Severity;
import dev.ktel.core.http.HttpException;
import dev.ktel.core.http.HttpHandler;
import dev.ktel.core.http.HttpRequest;
import dev.ktel.core.http.HttpResponse;
import dev.ktel.core.json.JsonWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code GET /api/ktel/v1/events}: the events in the ring, newest first, in the Prometheus API envelope.
 *
 * <p>Parameters: {@code type} (repeatable or comma-separated), {@code severity} (minimum: emerg, alert, crit,
 * err, warning, notice, info, debug), {@code cgroup}, {@code container}, {@code pod}, {@code namespace}
 * (substring, or exact with a leading {@code =}), {@code start}/{@code end} (RFC 3339 or Unix seconds, as in the
 * Prometheus API), {@code limit} (default 100, at most 10000).
 */
public final class EventsHandler implements HttpHandler {
    public static final String PATH = "/api/ktel/v1/events";
    private static final DateTimeFormatter RFC3339_NANOS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    private final EventRing ring;

    public EventsHandler(EventRing ring) {
        this.ring = ring;
    }

    @Override
    public void handle(HttpRequest request, HttpResponse response) {
        if (!request.method().equals("GET") && !request.method().equals("POST")
                && !request.method().equals("HEAD")) {
            throw new HttpException(405, "bad_data", "method " + request.method() + " not allowed; use GET");
        }
        EventQuery q = parse(request);
        List<Event> events = ring.query(q);
        JsonWriter w = new JsonWriter(new StringBuilder(256 + events.size() * 256));
        w.beginObject().field("status", "success").name("data").beginArray();
        for (Event e : events) {
            write(w, e);
        }
        w.endArray().endObject();
        response.json(200, w.toString());
    }

    static EventQuery parse(HttpRequest r) {
        Set<String> types = new LinkedHashSet<>();
        for (String v : r.paramValues("type")) {
            for (String t : v.split(",")) {
                if (!t.isBlank()) {
                    types.add(t.trim());
                }
            }
        }
        Severity min = null;
        String sev = r.param("severity");
        if (sev != null && !sev.isBlank()) {
            try {
                min = Severity.parse(sev);
            } catch (IllegalArgumentException e) {
                throw bad("severity", e.getMessage());
            }
        }
        long start = time(r, "start", Long.MIN_VALUE);
        long end = time(r, "end", Long.MAX_VALUE);
        if (end < start) {
            throw bad("end", "end timestamp must not be before start time");
        }
        int limit = EventQuery.DEFAULT_LIMIT;
        String l = r.param("limit");
        if (l != null && !l.isEmpty()) {
            try {
                limit = Integer.parseInt(l.trim());
            } catch (NumberFormatException e) {
                throw bad("limit", "cannot parse \"" + l + "\" to an integer");
            }
            if (limit < 1 || limit > EventQuery.MAX_LIMIT) {
                throw bad("limit", "must be between 1 and " + EventQuery.MAX_LIMIT + ", got " + limit);
            }
        }
        return new EventQuery(types, min, r.param("cgroup"), r.param("container"), r.param("pod"),
                r.param("namespace"), start, end, limit);
    }

    /** Prometheus' parseTime: Unix seconds with an optional fraction, or RFC 3339. */
    static long time(HttpRequest r, String name, long absent) {
        String v = r.param(name);
        if (v == null || v.isEmpty()) {
            return absent;
        }
        try {
            BigDecimal seconds = new BigDecimal(v.trim());
            return seconds.movePointRight(9).setScale(0, java.math.RoundingMode.FLOOR).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            // not a number: try RFC 3339
        }
        try {
            Instant t = OffsetDateTime.parse(v.trim()).toInstant();
            return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
        } catch (DateTimeParseException | ArithmeticException e) {
            throw bad(name, "cannot parse \"" + v + "\" to a valid timestamp");
        }
    }

    private static HttpException bad(String param, String problem) {
        return new HttpException(400, "bad_data", "invalid parameter \"" + param + "\": " + problem);
    }

    static String rfc3339(long nanos) {
        return RFC3339_NANOS.format(Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L),
                Math.floorMod(nanos, 1_000_000_000L)));
    }

    private static void write(JsonWriter w, Event e) {
        w.beginObject();
        w.field("time", rfc3339(e.timestampNanos()));
        w.field("host", e.host());
        w.field("type", e.type());
        w.field("severity", e.severity().label());
        w.field("source", e.source());
        w.field("sequence", e.sequence());
        w.name("key").beginObject();
        for (Map.Entry<String, String> kv : e.key().labels().entrySet()) {
            w.field(kv.getKey(), kv.getValue());
        }
        w.endObject();
        w.name("attributes").beginObject();
        for (Map.Entry<String, String> kv : new TreeMap<>(e.attributes()).entrySet()) {
            w.field(kv.getKey(), kv.getValue());
        }
        w.endObject();
        w.field("message", e.message());
        w.endObject();
    }
}
