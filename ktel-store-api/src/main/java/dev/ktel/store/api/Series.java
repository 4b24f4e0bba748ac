package dev.ktel.store.api;

/** One selected series: its labels and a fresh iterator over its samples within the selected range. */
public interface Series {
  Labels labels();

  /** A new iterator positioned before the first sample; may be called more than once. */
  SampleIterator iterator();
}
