package dev.ktel.api.handlers;

import dev.ktel.api.ApiRequest;
import dev.ktel.api.ApiResult;
import dev.ktel.api.params.PromTime;

/**
 * Endpoints of Prometheus features ktel does not have (rules, alerts, scrape targets, exemplars), answered with
 * valid empty results so that clients probing them (Grafana's data source does) carry on instead of failing.
 */
public final class EmptyShapes {
    private EmptyShapes() {
    }

    public static ApiResult rules(ApiRequest req) {
        return ApiResult.of(w -> w.beginObject().name("groups").beginArray().endArray().endObject());
    }

    public static ApiResult alerts(ApiRequest req) {
        return ApiResult.of(w -> w.beginObject().name("alerts").beginArray().endArray().endObject());
    }

    public static ApiResult targets(ApiRequest req) {
        return ApiResult.of(w -> w.beginObject()
            .name("activeTargets").beginArray().endArray()
            .name("droppedTargets").beginArray().endArray()
            .name("droppedTargetCounts").beginObject().endObject()
            .endObject());
    }

    public static ApiResult targetMetadata(ApiRequest req) {
        return ApiResult.of(w -> w.beginArray().endArray());
    }

    public static ApiResult alertmanagers(ApiRequest req) {
        return ApiResult.of(w -> w.beginObject()
            .name("activeAlertmanagers").beginArray().endArray()
            .name("droppedAlertmanagers").beginArray().endArray()
            .endObject());
    }

    /** No exemplars are stored; the time parameters are still validated as Prometheus does. */
    public static ApiResult exemplars(ApiRequest req) {
        long start = req.time("start", PromTime.MIN_TIME);
        long end = req.time("end", PromTime.MAX_TIME);
        if (end < start) {
            throw dev.ktel.api.ApiException.badData("end timestamp must not be before start timestamp");
        }
        return ApiResult.of(w -> w.beginArray().endArray());
    }
}
