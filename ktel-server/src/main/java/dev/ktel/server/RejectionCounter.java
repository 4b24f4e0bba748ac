package dev.ktel.server;

import dev.ktel.store.api.SampleRejectedException;
import java.util.concurrent.atomic.AtomicLongArray;

/** Samples the store refused at append time, by reason; every ingest path of the server counts here. */
public final class RejectionCounter {
  private static final SampleRejectedException.Reason[] REASONS = SampleRejectedException.Reason.values();
  private final AtomicLongArray counts = new AtomicLongArray(REASONS.length);

  public void add(SampleRejectedException.Reason reason) {
    counts.incrementAndGet(reason.ordinal());
  }

  public long get(SampleRejectedException.Reason reason) {
    return counts.get(reason.ordinal());
  }

  public long total() {
    long t = 0;
    for (int i = 0; i < REASONS.length; i++) {
      t += counts.get(i);
    }
    return t;
  }
}
