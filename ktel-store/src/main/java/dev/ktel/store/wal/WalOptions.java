package dev.ktel.store.wal;

import java.time.Duration;

/**
 * WAL settings.
 *
 * <ul>
 *   <li>{@code fsync = COMMIT} (default): every {@code commit()} writes its records and calls {@code fdatasync} before
 *       returning, so an acknowledged sample survives a crash of the process and of the machine.
 *   <li>{@code fsync = INTERVAL}: {@code commit()} returns after {@code write(2)} (the data is in the kernel page cache
 *       and survives {@code kill -9} of the process); a background thread fsyncs every {@code syncInterval}, so a
 *       power loss can lose up to that interval. Prometheus' WAL behaves like this.
 * </ul>
 *
 * @param segmentBytes a segment is closed when the next commit would take it past this size (128 MiB in Prometheus;
 *     smaller segments let truncation free space sooner)
 */
public record WalOptions(Fsync fsync, Duration syncInterval, long segmentBytes) {
  public enum Fsync { COMMIT, INTERVAL }

  public static final WalOptions DEFAULT = new WalOptions(Fsync.COMMIT, Duration.ofSeconds(1), 32L << 20);

  public WalOptions {
    if (segmentBytes < 4096) {
      throw new IllegalArgumentException("wal segment size " + segmentBytes + " below 4096 bytes");
    }
  }
}
