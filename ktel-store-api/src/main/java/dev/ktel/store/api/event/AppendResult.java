package dev.ktel.store.api.event;

import java.util.List;

/**
 * What {@link EventStore#append} did with a batch.
 *
 * @param accepted   events stored (or already present: identical events are stored once)
 * @param rejections one line per invalid event, naming its position in the batch and the problem
 */
public record AppendResult(int accepted, List<String> rejections) {
  public AppendResult {
    rejections = List.copyOf(rejections);
  }

  public static AppendResult all(int n) {
    return new AppendResult(n, List.of());
  }
}
