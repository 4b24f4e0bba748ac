package dev.ktel.store.api.event.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktel.core.event.CorrelationKey;
import dev.ktel.core.event.Event;
import dev.ktel.core.event.Severity;
import dev.ktel.store.api.event.EventStore;
import dev.ktel.store.api.event.KeyFilter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Filters on time, type, severity, host, correlation key and attributes; limit, order, count. */
public abstract class QueryEventsContract extends EventStoreContract {
  private EventStore s;

  @BeforeEach
  public void fill() throws Exception {
    s = open();
    CorrelationKey web = new CorrelationKey("/kubepods/burstable/podA/c1", "c1abc", "containerd", "uid-a", "web-0",
        "prod", "Burstable", "nginx");
    CorrelationKey db = new CorrelationKey("/kubepods/besteffort/podB/c2", "c2def", "containerd", "uid-b", "db-0",
        "staging", "BestEffort", "postgres");
    s.append(List.of(
        event(10, "oom_kill", Severity.ERR, web, Map.of("pid", "100", "comm", "nginx"), "m10"),
        event(20, "log", Severity.INFO, CorrelationKey.NONE, Map.of(), "m20"),
        event(30, "hung_task", Severity.CRIT, db, Map.of("pid", "200", "comm", "postgres"), "m30"),
        event(40, "log", Severity.DEBUG, CorrelationKey.ofCgroup("/system.slice/sshd.service"), Map.of(), "m40")));
    factory().persist(s);
    s.append(List.of(
        onHost(event(50, "oom_kill", Severity.ERR, db, Map.of("pid", "300", "comm", "postgres"), "m50"), "h2"),
        event(60, "link_down", Severity.WARNING, CorrelationKey.NONE, Map.of("device", "eth0"), "m60")));
  }

  @Test
  public void timeRangeIsInclusiveAtBothEnds() {
    assertThat(messages(s, q().between(T0 + 20 * SECOND, T0 + 40 * SECOND).oldestFirst().build()))
        .containsExactly("m20", "m30", "m40");
    assertThat(messages(s, q().between(T0 + 20 * SECOND + 1, T0 + 40 * SECOND - 1).build())).containsExactly("m30");
    assertThat(messages(s, q().between(T0 + 61 * SECOND, Long.MAX_VALUE).build())).isEmpty();
  }

  @Test
  public void typesSeverityAndHost() {
    assertThat(messages(s, q().types("oom_kill", "link_down").build())).containsExactly("m60", "m50", "m10");
    assertThat(messages(s, q().minSeverity(Severity.ERR).build())).containsExactly("m50", "m30", "m10");
    assertThat(messages(s, q().minSeverity(Severity.WARNING).types("log", "link_down").build()))
        .containsExactly("m60");
    assertThat(messages(s, q().host("h2").build())).containsExactly("m50");
    assertThat(messages(s, q().host("nope").build())).isEmpty();
  }

  @Test
  public void correlationKeyFiltersExactOrContainedOnAnyOfTheirFields() {
    assertThat(messages(s, q().key(KeyFilter.exact("web-0", "pod", "pod_uid")).build())).containsExactly("m10");
    assertThat(messages(s, q().key(KeyFilter.exact("uid-b", "pod", "pod_uid")).build())).containsExactly("m50", "m30");
    assertThat(messages(s, q().key(KeyFilter.exact("web", "pod")).build())).isEmpty();
    assertThat(messages(s, q().key(KeyFilter.contains("/kubepods/", "cgroup")).build()))
        .containsExactly("m50", "m30", "m10");
    assertThat(messages(s, q().key(KeyFilter.contains("sshd", "cgroup")).build())).containsExactly("m40");
    assertThat(messages(s, q().key(KeyFilter.contains("postgres", "container_id", "container")).build()))
        .containsExactly("m50", "m30");
    assertThat(messages(s, q().key(KeyFilter.exact("prod", "namespace")).key(KeyFilter.contains("ngin", "container"))
        .build())).containsExactly("m10");
  }

  @Test
  public void attributeEquality() {
    assertThat(messages(s, q().attribute("comm", "postgres").build())).containsExactly("m50", "m30");
    assertThat(messages(s, q().attribute("comm", "postgres").attribute("pid", "200").build())).containsExactly("m30");
    assertThat(messages(s, q().attribute("comm", "postgre").build())).isEmpty();
    assertThat(messages(s, q().attribute("device", "eth0").build())).containsExactly("m60");
  }

  @Test
  public void limitOrderAndCount() {
    assertThat(messages(s, q().limit(2).build())).containsExactly("m60", "m50");
    assertThat(messages(s, q().limit(2).oldestFirst().build())).containsExactly("m10", "m20");
    assertThat(s.count(q().limit(1).types("log").build())).isEqualTo(2);
    assertThat(s.count(q().build())).isEqualTo(6);
    assertThat(s.count()).isEqualTo(6);
  }

  @Test
  public void equalTimesAreOrderedByArrival() {
    long t = 100;
    s.append(List.of(log(t, "first"), log(t, "second")));
    s.append(List.of(log(t, "third")));
    assertThat(messages(s, q().types("log").between(T0 + t * SECOND, T0 + t * SECOND).oldestFirst().build()))
        .containsExactly("first", "second", "third");
    assertThat(messages(s, q().types("log").between(T0 + t * SECOND, T0 + t * SECOND).build()))
        .containsExactly("third", "second", "first");
  }

  @Test
  public void eventsFromBeforeTheEpochAndFarFutureAreOrderedToo() {
    Event past = new Event(-5 * SECOND, "h1", "log", Severity.INFO, null, Map.of(), "past", "kmsg", -1);
    Event future = new Event(Long.MAX_VALUE - 1, "h1", "log", Severity.INFO, null, Map.of(), "future", "kmsg", -1);
    s.append(List.of(future, past));
    assertThat(messages(s, q().types("log").oldestFirst().build())).containsExactly("past", "m20", "m40", "future");
    assertThat(messages(s, q().between(Long.MIN_VALUE, 0).build())).containsExactly("past");
  }
}
