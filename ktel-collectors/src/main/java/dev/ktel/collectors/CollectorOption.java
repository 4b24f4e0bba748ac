package dev.ktel.collectors;

/**
 * One option of a collector, e.g. {@code filesystem.mount-points-exclude}. Set with
 * {@code --collector.filesystem.mount-points-exclude=...} or under {@code collectors.filesystem} in the config.
 */
public record CollectorOption(String name, String defaultValue, String description) {
}
