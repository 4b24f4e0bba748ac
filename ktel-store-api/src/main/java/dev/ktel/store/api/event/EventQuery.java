package dev.ktel.store.api.event;

import dev.ktel.core.event.Event;
import dev.ktel.core.event.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What to read from an {@link EventStore}. Every set field must match (AND); unset fields match everything.
 *
 * @param fromNanos   events at or after this time (ns since the epoch)
 * @param toNanos     events at or before this time
 * @param types       any of these types; empty for all
 * @param minSeverity this severity or a more severe one, or null
 * @param host        exactly this host, or null
 * @param keyFilters  correlation-key filters, all must match
 * @param attributes  attribute name to required value (equality)
 * @param text        full-text query on the message, or null
 * @param limit       at most this many results
 * @param order       newest or oldest first
 */
public record EventQuery(long fromNanos, long toNanos, Set<String> types, Severity minSeverity, String host,
    List<KeyFilter> keyFilters, Map<String, String> attributes, TextQuery text, int limit, EventOrder order) {
  public static final int DEFAULT_LIMIT = 100;

  public EventQuery {
    types = Set.copyOf(types);
    keyFilters = List.copyOf(keyFilters);
    attributes = Map.copyOf(attributes);
    if (limit <= 0) {
      throw new IllegalArgumentException("limit must be positive, got " + limit);
    }
    if (toNanos < fromNanos) {
      throw new IllegalArgumentException("time range is empty: to " + toNanos + " < from " + fromNanos);
    }
    if (order == null) {
      throw new IllegalArgumentException("order is missing");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Everything, newest first, up to {@code limit}. */
  public static EventQuery all(int limit) {
    return builder().limit(limit).build();
  }

  /** The reference semantics: whether {@code e} matches every filter (the limit and order aside). */
  public boolean matches(Event e) {
    if (e.timestampNanos() < fromNanos || e.timestampNanos() > toNanos) {
      return false;
    }
    if (!types.isEmpty() && !types.contains(e.type())) {
      return false;
    }
    if (minSeverity != null && e.severity().ordinal() > minSeverity.ordinal()) {
      return false;
    }
    if (host != null && !host.equals(e.host())) {
      return false;
    }
    for (KeyFilter f : keyFilters) {
      if (!f.matches(e.key())) {
        return false;
      }
    }
    for (Map.Entry<String, String> a : attributes.entrySet()) {
      if (!a.getValue().equals(e.attributes().get(a.getKey()))) {
        return false;
      }
    }
    return text == null || text.matches(new LinkedHashSet<>(MessageWords.of(e.message())));
  }

  /** Collects filters; {@link #build} validates them. */
  public static final class Builder {
    private long from = Long.MIN_VALUE;
    private long to = Long.MAX_VALUE;
    private final Set<String> types = new LinkedHashSet<>();
    private Severity minSeverity;
    private String host;
    private final List<KeyFilter> keyFilters = new ArrayList<>();
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private TextQuery text;
    private int limit = DEFAULT_LIMIT;
    private EventOrder order = EventOrder.NEWEST_FIRST;

    private Builder() {
    }

    /** Inclusive time range in ns since the epoch. */
    public Builder between(long fromNanos, long toNanos) {
      this.from = fromNanos;
      this.to = toNanos;
      return this;
    }

    public Builder types(String... t) {
      types.addAll(List.of(t));
      return this;
    }

    public Builder types(Set<String> t) {
      types.addAll(t);
      return this;
    }

    public Builder minSeverity(Severity s) {
      this.minSeverity = s;
      return this;
    }

    public Builder host(String h) {
      this.host = h;
      return this;
    }

    public Builder key(KeyFilter f) {
      keyFilters.add(f);
      return this;
    }

    public Builder attribute(String name, String value) {
      attributes.put(name, value);
      return this;
    }

    /** Full-text query; blank means none. */
    public Builder text(String q) {
      TextQuery t = q == null || q.isBlank() ? null : TextQuery.parse(q);
      this.text = t == null || t.isEmpty() ? null : t;
      return this;
    }

    public Builder limit(int n) {
      this.limit = n;
      return this;
    }

    public Builder order(EventOrder o) {
      this.order = o;
      return this;
    }

    public Builder oldestFirst() {
      return order(EventOrder.OLDEST_FIRST);
    }

    public EventQuery build() {
      return new EventQuery(from, to, types, minSeverity, host, keyFilters, attributes, text, limit, order);
    }
  }
}
