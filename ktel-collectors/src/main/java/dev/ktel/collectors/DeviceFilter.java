package dev.ktel.collectors;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * node_exporter's include/exclude device filter ({@code collector/device_filter.go}): a name is ignored when
 * it matches the exclude pattern or, with an include pattern set, does not match it. Patterns are searched,
 * not anchored, like Go's {@code MatchString}. Results are cached per name (names come from a
 * {@code StringCache}), so steady-state filtering allocates nothing.
 */
public final class DeviceFilter {
    private final Pattern exclude;
    private final Pattern include;
    private final Map<String, Boolean> cache = new HashMap<>();

    public DeviceFilter(Pattern exclude, Pattern include) {
        this.exclude = exclude;
        this.include = include;
    }

    /**
     * Reads the two options as node_exporter does: both set explicitly is an error; an include pattern
     * replaces the default exclude pattern.
     */
    public static DeviceFilter fromOptions(CollectorContext ctx, String excludeOption, String excludeDefault,
            String includeOption) {
        String inc = ctx.option(includeOption, "");
        String exc = ctx.option(excludeOption, null);
        if (!inc.isEmpty()) {
            if (exc != null && !exc.isEmpty()) {
                throw new IllegalArgumentException("collector." + ctx.collector() + ": " + excludeOption + " and "
                        + includeOption + " are mutually exclusive");
            }
            return new DeviceFilter(null, ctx.regexOption(includeOption, ""));
        }
        return new DeviceFilter(ctx.regexOption(excludeOption, excludeDefault), null);
    }

    /** The usual {@code device-include} / {@code device-exclude} pair with no default exclude. */
    public static DeviceFilter fromOptions(CollectorContext ctx) {
        return fromOptions(ctx, "device-exclude", "", "device-include");
    }

    /** True when the name is filtered out. {@code name} should be a cached String. */
    public boolean ignored(String name) {
        Boolean cached = cache.get(name);
        if (cached != null) {
            return cached;
        }
        boolean ignored = (exclude != null && exclude.matcher(name).find())
                || (include != null && !include.matcher(name).find());
        if (cache.size() > 4096) {
            cache.clear(); // names churn (e.g. short-lived loop devices); bound the cache
        }
        cache.put(name, ignored);
        return ignored;
    }
}
