package dev.ktel.eventstore;

import dev.ktel.core.metric.MetricFamily;
import dev.ktel.core.metric.MetricSink;

/** The store's self-metrics as Prometheus families, for whatever serves {@code /metrics} next to the store. */
public final class EventStoreMetrics {
  static final MetricFamily EVENTS = MetricFamily.gauge("ktel_eventstore_events",
      "Events held by the event store.");
  static final MetricFamily DISK_BYTES = MetricFamily.gauge("ktel_eventstore_disk_bytes",
      "Bytes on disk of the event store, by part (index, wal).", "part");
  static final MetricFamily APPENDED = MetricFamily.counter("ktel_eventstore_appended_events_total",
      "Events acknowledged by the event store since it was opened.");
  static final MetricFamily BATCHES = MetricFamily.counter("ktel_eventstore_append_batches_total",
      "Append calls on the event store since it was opened.");
  static final MetricFamily REJECTED = MetricFamily.counter("ktel_eventstore_rejected_events_total",
      "Invalid events skipped by the event store since it was opened.");
  static final MetricFamily COMMITS = MetricFamily.counter("ktel_eventstore_commits_total",
      "Index commits of the event store since it was opened.");
  static final MetricFamily REPLAYED = MetricFamily.gauge("ktel_eventstore_wal_replayed_events",
      "Events replayed from the event WAL when the store was opened.");
  static final MetricFamily CORRUPTIONS = MetricFamily.gauge("ktel_eventstore_wal_corruptions",
      "Damaged event WAL records truncated when the store was opened.");
  static final MetricFamily RETAINED = MetricFamily.counter("ktel_eventstore_retention_dropped_events_total",
      "Events dropped by retention (age or size) since the store was opened.");

  private final LuceneEventStore store;

  public EventStoreMetrics(LuceneEventStore store) {
    this.store = store;
  }

  public void write(MetricSink sink) {
    EventStoreStats s = store.stats();
    sink.family(EVENTS);
    sink.sample(s.events());
    sink.family(DISK_BYTES);
    sink.sample("index", s.indexBytes());
    sink.sample("wal", s.walBytes());
    sink.family(APPENDED);
    sink.sample(s.appended());
    sink.family(BATCHES);
    sink.sample(s.batches());
    sink.family(REJECTED);
    sink.sample(s.rejected());
    sink.family(COMMITS);
    sink.sample(s.commits());
    sink.family(REPLAYED);
    sink.sample(s.replayed());
    sink.family(CORRUPTIONS);
    sink.sample(s.corruptions());
    sink.family(RETAINED);
    sink.sample(s.retained());
  }
}
