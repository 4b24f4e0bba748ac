package dev.ktel.api.handlers;

import dev.ktel.api.ApiException;
import dev.ktel.api.ApiHandler;
import dev.ktel.api.ApiRequest;
import dev.ktel.api.ApiResult;
import dev.ktel.api.MetadataSource;
import dev.ktel.api.MetricMetadata;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * /api/v1/metadata: {@code {"node_load1":[{"type":"gauge","help":"...","unit":""}], ...}}, metrics sorted,
 * identical entries merged. Parameters as Prometheus: {@code metric}, {@code limit} (metrics),
 * {@code limit_per_metric}.
 */
public final class MetadataHandler implements ApiHandler {
    private final MetadataSource source;

    public MetadataHandler(MetadataSource source) {
        this.source = source;
    }

    @Override
    public ApiResult handle(ApiRequest req) {
        int limit = number(req, "limit");
        int perMetric = number(req, "limit_per_metric");
        String metric = req.param("metric");
        Map<String, Set<MetricMetadata>> byMetric = new TreeMap<>();
        for (MetricMetadata m : source.metadata()) {
            if (!metric.isEmpty() && !metric.equals(m.metric())) {
                continue;
            }
            Set<MetricMetadata> set = byMetric.computeIfAbsent(m.metric(), k -> new LinkedHashSet<>());
            if (perMetric <= 0 || set.size() < perMetric) {
                set.add(m);
            }
        }
        return ApiResult.of(w -> {
            w.beginObject();
            int n = 0;
            for (Map.Entry<String, Set<MetricMetadata>> e : byMetric.entrySet()) {
                if (limit >= 0 && n++ >= limit) {
                    break;
                }
                w.name(e.getKey()).beginArray();
                for (MetricMetadata m : e.getValue()) {
                    w.beginObject().field("type", m.type()).field("help", m.help()).field("unit", m.unit()).endObject();
                }
                w.endArray();
            }
            w.endObject();
        });
    }

    /** -1 when absent, as Prometheus. */
    private static int number(ApiRequest req, String name) {
        String v = req.param(name);
        if (v.isEmpty()) {
            return -1;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw ApiException.badData(name + " must be a number");
        }
    }
}
