package dev.ktel.store.api.event;

import dev.ktel.core.event.Event;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference event store, chosen to be obviously correct rather than fast: a map from event to its arrival
 * number, scanned in full by every query. Not durable. Its {@link #sizeBytes()} is an estimate (UTF-16 characters
 * of every string plus a fixed overhead per event and attribute), which is what the size cap applies to.
 */
public final class InMemoryEventStore implements EventStore {
  private static final long EVENT_OVERHEAD = 64;
  private static final long FIELD_OVERHEAD = 16;

  private final EventRetention retention;
  private final Map<Event, Long> arrival = new HashMap<>();
  private long nextArrival;
  private long bytes;
  private long rejected;

  public InMemoryEventStore() {
    this(EventRetention.NONE);
  }

  public InMemoryEventStore(EventRetention retention) {
    this.retention = retention;
  }

  @Override
  public synchronized AppendResult append(List<Event> batch) {
    List<String> rejections = new ArrayList<>();
    List<Event> ok = EventChecks.valid(batch, rejections);
    rejected += rejections.size();
    for (Event e : ok) {
      // a re-sent event moves to the end of the arrival order, as a replaced document does in an index
      if (arrival.put(e, nextArrival++) == null) {
        bytes += estimate(e);
      }
    }
    return new AppendResult(ok.size(), rejections);
  }

  @Override
  public synchronized List<Event> query(EventQuery q) {
    List<Event> out = matching(q);
    out.sort(q.order() == EventOrder.OLDEST_FIRST ? oldestFirst() : oldestFirst().reversed());
    return out.size() > q.limit() ? new ArrayList<>(out.subList(0, q.limit())) : out;
  }

  @Override
  public synchronized long count(EventQuery q) {
    return matching(q).size();
  }

  @Override
  public synchronized long count() {
    return arrival.size();
  }

  @Override
  public synchronized long sizeBytes() {
    return bytes;
  }

  @Override
  public synchronized long rejected() {
    return rejected;
  }

  @Override
  public EventRetention retention() {
    return retention;
  }

  @Override
  public synchronized long applyRetention(long nowNanos) {
    long cutoff = retention.cutoffNanos(nowNanos);
    List<Event> oldest = new ArrayList<>(arrival.keySet());
    oldest.sort(oldestFirst());
    long dropped = 0;
    for (Event e : oldest) {
      boolean tooOld = e.timestampNanos() < cutoff;
      boolean tooBig = retention.maxBytes() > 0 && bytes > retention.maxBytes();
      if (!tooOld && !tooBig) {
        break;
      }
      arrival.remove(e);
      bytes -= estimate(e);
      dropped++;
    }
    return dropped;
  }

  @Override
  public void close() {
  }

  private List<Event> matching(EventQuery q) {
    List<Event> out = new ArrayList<>();
    for (Event e : arrival.keySet()) {
      if (q.matches(e)) {
        out.add(e);
      }
    }
    return out;
  }

  private Comparator<Event> oldestFirst() {
    return Comparator.comparingLong(Event::timestampNanos).thenComparingLong(arrival::get);
  }

  static long estimate(Event e) {
    long n = EVENT_OVERHEAD + len(e.host()) + len(e.type()) + len(e.message()) + len(e.source());
    for (Map.Entry<String, String> a : e.attributes().entrySet()) {
      n += FIELD_OVERHEAD + len(a.getKey()) + len(a.getValue());
    }
    for (Map.Entry<String, String> k : e.key().labels().entrySet()) {
      n += FIELD_OVERHEAD + len(k.getValue());
    }
    return 2 * n;
  }

  private static long len(String s) {
    return s == null ? 0 : s.length();
  }
}
