package dev.ktel.store.api.event;

import dev.ktel.core.event.Event;
import java.io.Closeable;
import java.util.List;

/**
 * The event storage SPI: append batches of kernel and host events, query them by time range, typed fields and
 * message words, count them, and drop old ones. Implementations: {@link InMemoryEventStore} (reference behaviour,
 * this module) and the Lucene store in {@code ktel-eventstore}; both pass the same contract suite.
 *
 * <p>Identity is content: an event equal in every field to a stored one is stored once, so re-sending a batch
 * (at-least-once delivery, replay after a crash) never duplicates. Reads see every event whose {@link #append}
 * returned before the read began.
 */
public interface EventStore extends Closeable {
  /**
   * Stores the valid events of {@code batch}; when this returns they are acknowledged, i.e. durable under the
   * implementation's documented policy. Invalid events are skipped, counted and reported in the result; the rest of
   * the batch goes on.
   */
  AppendResult append(List<Event> batch);

  /** The matching events in the query's order, at most {@link EventQuery#limit()}. */
  List<Event> query(EventQuery query);

  /** How many stored events match, ignoring the limit. */
  long count(EventQuery query);

  /** How many events are stored. */
  long count();

  /** Bytes the store uses (on disk for durable stores, an estimate of the heap for the in-memory one). */
  long sizeBytes();

  /** Events rejected by {@link #append} as invalid since the store was opened. */
  long rejected();

  /** The retention limits this store was opened with. */
  EventRetention retention();

  /**
   * Drops events older than {@code nowNanos - maxAge}, then the oldest events until {@link #sizeBytes()} is at most
   * the size cap. Returns how many events were dropped.
   */
  long applyRetention(long nowNanos);

  @Override
  void close();
}
