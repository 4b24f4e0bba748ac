package dev.ktel.eventstore.http;

import dev.ktel.core.event.Event;
import dev.ktel.core.http.HttpException;
import dev.ktel.core.http.HttpHandler;
import dev.ktel.core.http.HttpRequest;
import dev.ktel.core.http.HttpResponse;
import dev.ktel.core.json.JsonWriter;
import dev.ktel.store.api.event.EventQuery;
import dev.ktel.store.api.event.EventStore;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET /api/ktel/v1/events} served from any {@link EventStore}, with the parameters ({@link EventsParams})
 * and the JSON of the agent's in-memory endpoint, so a server can swap the ring for a durable store without
 * clients noticing. Results come newest first by event time unless {@code order=oldest}.
 */
public final class EventStoreHandler implements HttpHandler {
  public static final String PATH = "/api/ktel/v1/events";
  private static final DateTimeFormatter RFC3339_NANOS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

  private final EventStore store;

  public EventStoreHandler(EventStore store) {
    this.store = store;
  }

  @Override
  public void handle(HttpRequest request, HttpResponse response) {
    String m = request.method();
    if (!m.equals("GET") && !m.equals("POST") && !m.equals("HEAD")) {
      throw new HttpException(405, "bad_data", "method " + m + " not allowed; use GET");
    }
    EventQuery q = EventsParams.parse(request);
    List<Event> events = store.query(q);
    JsonWriter w = new JsonWriter(new StringBuilder(256 + events.size() * 256));
    w.beginObject().field("status", "success").name("data").beginArray();
    for (Event e : events) {
      write(w, e);
    }
    w.endArray().endObject();
    response.json(200, w.toString());
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
