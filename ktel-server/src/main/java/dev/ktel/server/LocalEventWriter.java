package dev.ktel.server;

import dev.ktel.core.event.Event;
import dev.ktel.core.event.EventSink;
import dev.ktel.core.metric.MetricFamily;
import dev.ktel.core.metric.MetricSink;
import dev.ktel.store.api.event.EventStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries the local agent's events ({@code ktel run}) into the event store on a thread of its own, in batches, so
 * that a kernel-log storm never blocks the kmsg reader on fsyncs. The queue is bounded: when it is full the event is
 * dropped and counted ({@code ktel_event_store_dropped_total}); the in-memory ring and the forwarder still saw it.
 */
final class LocalEventWriter implements EventSink, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LocalEventWriter.class);
  private static final MetricFamily DROPPED = MetricFamily.counter("ktel_event_store_dropped_total",
      "Local events not stored because the event store fell behind (queue full) or failed.");
  private static final int MAX_BATCH = 512;

  private final EventStore store;
  private final BlockingQueue<Event> queue;
  private final AtomicLong dropped = new AtomicLong();
  private final Thread thread;
  private volatile boolean closed;

  LocalEventWriter(EventStore store, int capacity) {
    this.store = store;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.thread = Thread.ofPlatform().name("event-store-writer").daemon(true).start(this::drain);
  }

  @Override
  public void accept(Event event) {
    if (closed || !queue.offer(event)) {
      dropped.incrementAndGet();
    }
  }

  private void drain() {
    List<Event> batch = new ArrayList<>(MAX_BATCH);
    while (!closed || !queue.isEmpty()) {
      try {
        Event first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, MAX_BATCH - 1);
        store.append(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        dropped.addAndGet(batch.size());
        LOG.error("event store: {} events not stored: {}", batch.size(), e.toString());
      } finally {
        batch.clear();
      }
    }
  }

  long dropped() {
    return dropped.get();
  }

  void write(MetricSink sink) {
    sink.family(DROPPED);
    sink.sample(dropped.get());
  }

  /** Stores what is queued, then stops. */
  @Override
  public void close() {
    closed = true;
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
