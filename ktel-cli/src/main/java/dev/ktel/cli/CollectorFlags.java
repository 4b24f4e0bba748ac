package dev.ktel.cli;

import dev.ktel.collectors.CollectorFactory;
import dev.ktel.collectors.CollectorOption;
import dev.ktel.collectors.CollectorRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Derives node_exporter-style flags from the registered collectors: {@code --[no-]collector.NAME} and
 * {@code --collector.NAME.OPTION=VALUE}, with defaults in the help text. A new collector gets its flags
 * without touching the CLI.
 */
final class CollectorFlags {
    private CollectorFlags() {
    }

    static void addTo(CommandSpec spec, CollectorRegistry registry) {
        for (CollectorFactory f : registry.factories()) {
            spec.addOption(OptionSpec.builder("--collector." + f.name())
                    .type(Boolean.class)
                    .negatable(true)
                    .arity("0")
                    .description(f.description() + " (default: " + (f.enabledByDefault() ? "enabled" : "disabled") + ")")
                    .build());
            for (CollectorOption o : f.options()) {
                spec.addOption(OptionSpec.builder("--collector." + f.name() + "." + o.name())
                        .type(String.class)
                        .paramLabel("VALUE")
                        .description(o.description() + (o.defaultValue() == null || o.defaultValue().isEmpty() ? ""
                                : " (default: " + o.defaultValue() + ")"))
                        .build());
            }
        }
    }

    /** Collectors switched on or off by flag. */
    static Map<String, Boolean> enabled(CommandSpec spec, CollectorRegistry registry) {
        Map<String, Boolean> m = new LinkedHashMap<>();
        for (CollectorFactory f : registry.factories()) {
            OptionSpec o = spec.findOption("--collector." + f.name());
            Boolean v = o == null ? null : o.getValue();
            if (v != null) {
                m.put(f.name(), v);
            }
        }
        return m;
    }

    /** Collector options set by flag. */
    static Map<String, Map<String, String>> options(CommandSpec spec, CollectorRegistry registry) {
        Map<String, Map<String, String>> m = new LinkedHashMap<>();
        for (CollectorFactory f : registry.factories()) {
            for (CollectorOption opt : f.options()) {
                OptionSpec o = spec.findOption("--collector." + f.name() + "." + opt.name());
                String v = o == null ? null : o.getValue();
                if (v != null) {
                    m.computeIfAbsent(f.name(), k -> new LinkedHashMap<>()).put(opt.name(), v);
                }
            }
        }
        return m;
    }
}
