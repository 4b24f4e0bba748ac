package dev.ktel.eventstore.http;

import dev.ktel.core.event.Severity;
import dev.ktel.core.http.HttpException;
import dev.ktel.core.http.HttpRequest;
import dev.ktel.store.api.event.EventOrder;
import dev.ktel.store.api.event.EventQuery;
import dev.ktel.store.api.event.KeyFilter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * The query parameters of {@code /api/ktel/v1/events}, the same as the agent's in-memory endpoint, turned into an
 * {@link EventQuery}: {@code type} (repeatable or comma-separated), {@code severity} (minimum), {@code cgroup},
 * {@code container} (id or name), {@code pod} (name or uid), {@code namespace} (substring, or exact with a leading
 * {@code =}), {@code start}/{@code end} (RFC 3339 or Unix seconds, inclusive), {@code limit} (default 100, at most
 * 10000). A store adds: {@code host} (exact), {@code q} (words of the message, {@code word*} for a prefix),
 * {@code attr} ({@code name=value}, repeatable) and {@code order} ({@code newest}, the default, or {@code oldest}).
 * A bad value is a 400 {@code bad_data} naming the parameter.
 */
public final class EventsParams {
  public static final int MAX_LIMIT = 10_000;

  private EventsParams() {
  }

  public static EventQuery parse(HttpRequest r) {
    EventQuery.Builder b = EventQuery.builder();
    for (String v : r.paramValues("type")) {
      for (String t : v.split(",")) {
        if (!t.isBlank()) {
          b.types(t.trim());
        }
      }
    }
    String sev = r.param("severity");
    if (sev != null && !sev.isBlank()) {
      try {
        b.minSeverity(Severity.parse(sev));
      } catch (IllegalArgumentException e) {
        throw bad("severity", e.getMessage());
      }
    }
    key(b, r, "cgroup", "cgroup");
    key(b, r, "container", "container_id", "container");
    key(b, r, "pod", "pod", "pod_uid");
    key(b, r, "namespace", "namespace");
    String host = r.param("host");
    if (host != null && !host.isEmpty()) {
      b.host(host);
    }
    b.text(r.param("q"));
    for (String a : r.paramValues("attr")) {
      int eq = a.indexOf('=');
      if (eq <= 0) {
        throw bad("attr", "expected name=value, got \"" + a + "\"");
      }
      b.attribute(a.substring(0, eq), a.substring(eq + 1));
    }
    String order = r.param("order");
    if (order != null && !order.isEmpty()) {
      b.order(switch (order) {
        case "newest" -> EventOrder.NEWEST_FIRST;
        case "oldest" -> EventOrder.OLDEST_FIRST;
        default -> throw bad("order", "expected newest or oldest, got \"" + order + "\"");
      });
    }
    long start = time(r, "start", Long.MIN_VALUE);
    long end = time(r, "end", Long.MAX_VALUE);
    if (end < start) {
      throw bad("end", "end timestamp must not be before start time");
    }
    b.between(start, end);
    String l = r.param("limit");
    if (l != null && !l.isEmpty()) {
      int limit;
      try {
        limit = Integer.parseInt(l.trim());
      } catch (NumberFormatException e) {
        throw bad("limit", "cannot parse \"" + l + "\" to an integer");
      }
      if (limit < 1 || limit > MAX_LIMIT) {
        throw bad("limit", "must be between 1 and " + MAX_LIMIT + ", got " + limit);
      }
      b.limit(limit);
    }
    return b.build();
  }

  private static void key(EventQuery.Builder b, HttpRequest r, String param, String... fields) {
    String v = r.param(param);
    if (v == null || v.isEmpty()) {
      return;
    }
    boolean exact = v.startsWith("=");
    String value = exact ? v.substring(1) : v;
    if (value.isEmpty()) {
      throw bad(param, "empty value after \"=\"");
    }
    b.key(exact ? KeyFilter.exact(value, fields) : KeyFilter.contains(value, fields));
  }

  /** Prometheus' parseTime: Unix seconds with an optional fraction, or RFC 3339; in ns since the epoch. */
  static long time(HttpRequest r, String name, long absent) {
    String v = r.param(name);
    if (v == null || v.isEmpty()) {
      return absent;
    }
    try {
      return new BigDecimal(v.trim()).movePointRight(9).setScale(0, RoundingMode.FLOOR).longValueExact();
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

  static HttpException bad(String param, String problem) {
    return new HttpException(400, "bad_data", "invalid parameter \"" + param + "\": " + problem);
  }
}
