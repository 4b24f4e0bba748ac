package dev.ktel.store.api.event;

/** Result order of a query: by event time, ties by arrival in the store. */
public enum EventOrder {
  NEWEST_FIRST, OLDEST_FIRST
}
