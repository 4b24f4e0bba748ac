package dev.ktel.store.api.event;

import dev.ktel.core.event.Event;
import java.util.ArrayList;
import java.util.List;

/** The validity rules every store applies to appended events, so both stores reject the same ones. */
public final class EventChecks {
  private EventChecks() {
  }

  /** The problem with {@code e}, or null if it can be stored. */
  public static String problem(Event e) {
    if (e == null) {
      return "event is null";
    }
    if (e.type() == null || e.type().isBlank()) {
      return "type is missing";
    }
    if (e.host() == null) {
      return "host is missing";
    }
    if (e.severity() == null) {
      return "severity is missing";
    }
    if (e.message() == null) {
      return "message is missing";
    }
    return null;
  }

  /** The valid events of {@code batch}; each invalid one adds "batch[i]: problem" to {@code rejections}. */
  public static List<Event> valid(List<Event> batch, List<String> rejections) {
    List<Event> ok = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      String p = problem(batch.get(i));
      if (p == null) {
        ok.add(batch.get(i));
      } else {
        rejections.add("batch[" + i + "]: " + p);
      }
    }
    return ok;
  }
}
