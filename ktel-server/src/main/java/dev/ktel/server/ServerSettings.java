package dev.ktel.server;

import java.nio.file.Path;
import java.time.Duration;

/**
 * @param dataDir             the data directory; the series store lives in {@code <dataDir>/tsdb}
 * @param retention           per-tier retention
 * @param maintenanceInterval how often retention (and with it downsampling of completed raw ranges) runs
 */
public record ServerSettings(Path dataDir, StoreRetention retention, Duration maintenanceInterval) {
  public static ServerSettings of(Path dataDir) {
    return new ServerSettings(dataDir, StoreRetention.DEFAULT, Duration.ofMinutes(1));
  }

  public ServerSettings withRetention(StoreRetention r) {
    return new ServerSettings(dataDir, r, maintenanceInterval);
  }
}
