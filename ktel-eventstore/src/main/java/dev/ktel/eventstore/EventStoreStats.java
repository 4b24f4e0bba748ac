package dev.ktel.eventstore;

/**
 * Self-metrics of a {@link LuceneEventStore}, a snapshot.
 *
 * @param events      events stored (live documents)
 * @param indexBytes  bytes of the Lucene index on disk
 * @param walBytes    bytes of the event WAL on disk
 * @param appended    events accepted by append since open
 * @param batches     append calls since open
 * @param rejected    invalid events skipped by append since open
 * @param commits     index commits since open
 * @param replayed    events replayed from the WAL at open
 * @param corruptions damaged WAL records truncated at open
 * @param retained    events dropped by retention since open
 */
public record EventStoreStats(long events, long indexBytes, long walBytes, long appended, long batches,
    long rejected, long commits, long replayed, long corruptions, long retained) {
  public long bytesOnDisk() {
    return indexBytes + walBytes;
  }
}
