package dev.ktel.api;

import dev.ktel.core.metric.MetricFamily;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

/**
 * Where /api/v1/metadata gets HELP/TYPE/unit from: the families the agent exports (Prometheus takes them from
 * its scrape targets; ktel knows its own). Supplied by whoever wires the API into the server.
 */
@FunctionalInterface
public interface MetadataSource {
    MetadataSource EMPTY = List::of;

    /** Every known family; the same family may appear more than once with different metadata. */
    List<MetricMetadata> metadata();

    /** Metadata of ktel metric families, read each time (the set can change when collectors come and go). */
    static MetadataSource ofFamilies(Supplier<? extends Collection<MetricFamily>> families) {
        return () -> {
            Collection<MetricFamily> fs = families.get();
            List<MetricMetadata> out = new ArrayList<>(fs.size());
            for (MetricFamily f : fs) {
                out.add(new MetricMetadata(f.name(), f.type().openMetricsName(), f.help(), ""));
            }
            return out;
        };
    }
}
