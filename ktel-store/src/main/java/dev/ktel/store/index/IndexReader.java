package dev.ktel.store.index;

import dev.ktel.store.api.Labels;
import java.util.Collection;

/** Label index of a head or a block: series ids {@code 0..size()-1}, postings per label pair. */
public interface IndexReader {
  /** Upper bound (exclusive) of series ids. */
  int size();

  /** Labels of series {@code id}, or null if the id is unused. */
  Labels labels(int id);

  /** Sorted label names. */
  Collection<String> labelNames();

  /** Sorted values of a label name (empty if unknown). */
  Collection<String> labelValues(String name);

  /** Sorted ids of the series that have {@code name=value}. */
  int[] postings(String name, String value);
}
