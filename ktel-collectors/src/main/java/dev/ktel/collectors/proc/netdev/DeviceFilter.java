package dev.ktel.collectors.proc.netdev;

import dev.ktel.collectors.CollectorContext;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * node_exporter's device include/exclude filter (unanchored regex search, the two options mutually
 * exclusive). Decisions are cached per device name, so steady-state scrapes do no regex work.
 */
public final class DeviceFilter {
    private final Pattern include;
    private final Pattern exclude;
    private final Map<String, Boolean> decisions = new HashMap<>();

    public DeviceFilter(Pattern include, Pattern exclude) {
        if (include != null && exclude != null) {
            throw new IllegalArgumentException("device-include and device-exclude are mutually exclusive");
        }
        this.include = include;
        this.exclude = exclude;
    }

    /** Reads the {@code device-include} and {@code device-exclude} options of the context's collector. */
    public static DeviceFilter fromOptions(CollectorContext ctx) {
        try {
            return new DeviceFilter(ctx.regexOption("device-include", ""), ctx.regexOption("device-exclude", ""));
        } catch (IllegalArgumentException e) {
            if (e.getMessage().startsWith("collector.")) {
                throw e;
            }
            throw new IllegalArgumentException("collector." + ctx.collector() + ": " + e.getMessage());
        }
    }

    /** True when the device is filtered out. {@code device} should be a cached String. */
    public boolean ignored(String device) {
        Boolean d = decisions.get(device);
        if (d == null) {
            boolean ignored = (exclude != null && exclude.matcher(device).find())
                    || (include != null && !include.matcher(device).find());
            if (decisions.size() > 4096) {
                decisions.clear(); // device names churn (containers): bound the cache
            }
            d = ignored;
            decisions.put(device, d);
        }
        return d;
    }
}
