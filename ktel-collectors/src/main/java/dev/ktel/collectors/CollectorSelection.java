package dev.ktel.collectors;

import java.util.Map;

/**
 * Which collectors run and with which options: explicit on/off per name (absent: the factory's default)
 * and option values per collector ({@code options.get("filesystem").get("mount-points-exclude")}).
 */
public record CollectorSelection(Map<String, Boolean> enabled, Map<String, Map<String, String>> options) {

    public static CollectorSelection defaults() {
        return new CollectorSelection(Map.of(), Map.of());
    }

    public boolean isEnabled(CollectorFactory f) {
        return enabled.getOrDefault(f.name(), f.enabledByDefault());
    }

    public Map<String, String> optionsOf(String collector) {
        return options.getOrDefault(collector, Map.of());
    }
}
