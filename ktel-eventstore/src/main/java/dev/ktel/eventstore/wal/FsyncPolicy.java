package dev.ktel.eventstore.wal;

/** When the event WAL is forced to stable storage. */
public enum FsyncPolicy {
  /** Every appended batch is fsync'ed before the append returns: acknowledged events survive power loss. */
  EVERY_BATCH,
  /**
   * A batch is written to the OS before the append returns and fsync'ed by a timer: acknowledged events survive a
   * crash or kill of the process, but a power loss can lose up to one interval.
   */
  INTERVAL
}
