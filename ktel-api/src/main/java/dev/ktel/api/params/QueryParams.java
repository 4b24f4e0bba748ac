package dev.ktel.api.params;

import dev.ktel.api.ApiException;
import dev.ktel.api.ApiRequest;

/**
 * The validated parameters of /api/v1/query and /api/v1/query_range, with Prometheus' checks in its order and
 * its error texts. Times in epoch milliseconds; {@code timeoutMillis} 0 when not given.
 */
public record QueryParams(String query, long start, long end, long stepMillis, long timeoutMillis, int limit) {

    /** An instant query: {@code start == end == time}, no step. */
    public static QueryParams instant(ApiRequest req, long now) {
        int limit = req.limit();
        long t = req.time("time", now);
        long timeout = timeout(req);
        return new QueryParams(req.param("query"), t, t, 0, timeout, limit);
    }

    /** A range query; refuses more than {@code maxPoints} steps per series, as Prometheus (11,000). */
    public static QueryParams range(ApiRequest req, int maxPoints) {
        int limit = req.limit();
        long start = req.requiredTime("start");
        long end = req.requiredTime("end");
        if (end < start) {
            throw ApiException.invalidParam("end", "end timestamp must not be before start time");
        }
        long stepNanos = req.durationNanos("step");
        if (stepNanos <= 0) {
            throw ApiException.invalidParam("step",
                "zero or negative query resolution step widths are not accepted. Try a positive integer");
        }
        // Prometheus compares durations in nanoseconds: (end-start)/step > 11000
        double steps = Math.floor((end - start) * 1e6 / stepNanos);
        if (steps > maxPoints) {
            throw ApiException.badData("exceeded maximum resolution of " + String.format(java.util.Locale.ROOT, "%,d", maxPoints)
                + " points per timeseries. Try decreasing the query resolution (?step=XX)");
        }
        long stepMillis = stepNanos / 1_000_000;
        if (stepMillis == 0) {
            throw ApiException.invalidParam("step", "query resolution step below one millisecond: "
                + req.param("step"));
        }
        long timeout = timeout(req);
        return new QueryParams(req.param("query"), start, end, stepMillis, timeout, limit);
    }

    private static long timeout(ApiRequest req) {
        if (req.param("timeout").isEmpty()) {
            return 0;
        }
        long ns = req.durationNanos("timeout");
        return Math.max(0, ns / 1_000_000);
    }
}
