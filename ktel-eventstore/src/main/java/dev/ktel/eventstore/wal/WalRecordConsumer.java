package dev.ktel.eventstore.wal;

/** Receives the events of replayed WAL records, in order. */
@FunctionalInterface
public interface WalRecordConsumer {
  /** {@code encoded[off, off+len)} is one encoded event with store sequence {@code seq}. */
  void event(long seq, byte[] encoded, int off, int len);
}
