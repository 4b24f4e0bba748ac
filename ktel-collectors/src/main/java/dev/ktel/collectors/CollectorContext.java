package dev.ktel.collectors;

import dev.ktel.core.io.HostPaths;
import dev.ktel.core.text.ParseErrors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** What a collector gets at creation: host paths, its options, and where to report bad input. */
public final class CollectorContext {
    private final String collector;
    private final HostPaths paths;
    private final Map<String, String> options;
    private final ParseErrors errors;

    public CollectorContext(String collector, HostPaths paths, Map<String, String> options, ParseErrors errors) {
        this.collector = collector;
        this.paths = paths;
        this.options = Map.copyOf(options);
        this.errors = errors;
    }

    /** For tests: host paths, default options, errors thrown. */
    public static CollectorContext forTest(String collector, HostPaths paths) {
        return new CollectorContext(collector, paths, Map.of(), ParseErrors.THROW);
    }

    public String collector() {
        return collector;
    }

    public HostPaths paths() {
        return paths;
    }

    public ParseErrors errors() {
        return errors;
    }

    /** The option's configured value, or {@code defaultValue} when not set. */
    public String option(String name, String defaultValue) {
        return options.getOrDefault(name, defaultValue);
    }

    /** A regex option, anchored like node_exporter's; null when empty. */
    public Pattern regexOption(String name, String defaultValue) {
        String v = option(name, defaultValue);
        if (v == null || v.isEmpty()) {
            return null;
        }
        try {
            return Pattern.compile(v);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(
                    "collector." + collector + "." + name + ": invalid regex \"" + v + "\": " + e.getDescription());
        }
    }

    public boolean booleanOption(String name, boolean defaultValue) {
        String v = option(name, Boolean.toString(defaultValue));
        return switch (v) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(
                    "collector." + collector + "." + name + ": expected true or false, got \"" + v + "\"");
        };
    }

    /** Throws {@link CollectorUnavailableException} naming the file when it is absent. */
    public Path requireFile(Path p, String why) throws CollectorUnavailableException {
        if (!Files.exists(p)) {
            throw new CollectorUnavailableException(p + " does not exist" + (why == null ? "" : " (" + why + ")"));
        }
        return p;
    }
}
