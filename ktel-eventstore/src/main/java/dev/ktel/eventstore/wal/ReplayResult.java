package dev.ktel.eventstore.wal;

/**
 * What a replay found.
 *
 * @param maxSeq      highest sequence seen in any intact record, or -1
 * @param events      events handed to the consumer (those after the committed sequence)
 * @param corruptions damaged records found; each truncated its segment there
 * @param bytesDropped bytes cut off by those truncations
 */
public record ReplayResult(long maxSeq, long events, int corruptions, long bytesDropped) {
}
