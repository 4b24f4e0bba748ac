package dev.ktel.store.wal;

import dev.ktel.store.CorruptionException;

/** A damaged WAL record: which segment (or checkpoint), at which byte offset, and what was wrong. */
public final class WalCorruptionException extends CorruptionException {
  private final String segment;

  public WalCorruptionException(String segment, long offset, String what) {
    super("wal segment " + segment, offset, what);
    this.segment = segment;
  }

  public String segment() {
    return segment;
  }
}
