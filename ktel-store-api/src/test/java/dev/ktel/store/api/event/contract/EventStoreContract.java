package dev.ktel.store.api.event.contract;

import dev.ktel.core.event.CorrelationKey;
import dev.ktel.core.event.Event;
import dev.ktel.core.event.Severity;
import dev.ktel.store.api.event.EventQuery;
import dev.ktel.store.api.event.EventRetention;
import dev.ktel.store.api.event.EventStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of the event store contract suites (Zipkin's ITStorage pattern, as for series stores). An implementation
 * binds every suite with {@code @Nested} subclasses that return its {@link EventStoreFactory}; a test that does
 * not apply is overridden with {@code @Disabled("reason")}, never deleted.
 */
public abstract class EventStoreContract {
  protected static final long SECOND = 1_000_000_000L;
  protected static final long T0 = 1_700_000_000L * SECOND;

  @TempDir
  protected Path dir;

  private final List<EventStore> opened = new ArrayList<>();

  protected abstract EventStoreFactory factory();

  protected EventStore open() throws Exception {
    return open(EventRetention.NONE);
  }

  protected EventStore open(EventRetention retention) throws Exception {
    EventStore s = factory().open(dir, retention);
    opened.add(s);
    return s;
  }

  @AfterEach
  public void closeStores() {
    for (EventStore s : opened) {
      s.close();
    }
  }

  /** A log event at {@code T0 + seconds}, host "h1", with the given message. */
  protected static Event log(long seconds, String message) {
    return event(seconds, "log", Severity.INFO, CorrelationKey.NONE, Map.of(), message);
  }

  protected static Event event(long seconds, String type, Severity sev, CorrelationKey key, Map<String, String> attrs,
      String message) {
    return new Event(T0 + seconds * SECOND, "h1", type, sev, key, attrs, message, "kmsg", seconds);
  }

  protected static Event onHost(Event e, String host) {
    return new Event(e.timestampNanos(), host, e.type(), e.severity(), e.key(), e.attributes(), e.message(),
        e.source(), e.sequence());
  }

  /** Messages of the query's result, in result order. */
  protected static List<String> messages(EventStore s, EventQuery q) {
    List<String> out = new ArrayList<>();
    for (Event e : s.query(q)) {
      out.add(e.message());
    }
    return out;
  }

  protected static EventQuery.Builder q() {
    return EventQuery.builder().limit(1000);
  }
}
