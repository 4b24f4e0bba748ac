package dev.ktel.api.handlers;

import dev.ktel.api.ApiException;
import dev.ktel.api.ApiHandler;
import dev.ktel.api.ApiOptions;
import dev.ktel.api.ApiRequest;
import dev.ktel.api.ApiResult;
import dev.ktel.api.ErrorType;
import dev.ktel.api.json.ValueJson;
import dev.ktel.api.params.PromDuration;
import dev.ktel.api.params.QueryParams;
import dev.ktel.promql.Engine;
import dev.ktel.promql.EngineOptions;
import dev.ktel.promql.Matrix;
import dev.ktel.promql.PromqlException;
import dev.ktel.promql.Result;
import dev.ktel.promql.Value;
import dev.ktel.promql.Vector;
import dev.ktel.store.api.SeriesStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * /api/v1/query and /api/v1/query_range. Per-request {@code timeout} (capped by the engine's own) and
 * {@code lookback_delta} run on an engine with those options: an {@link Engine} is two references, so one per
 * such request costs nothing. Engine errors map to Prometheus' types: a bad query is {@code bad_data} named
 * after the {@code query} parameter, a failed evaluation {@code execution} (422), a timeout 503.
 */
public final class QueryHandler implements ApiHandler {
    private final SeriesStore store;
    private final Engine engine;
    private final ApiOptions opts;
    private final boolean range;

    private QueryHandler(SeriesStore store, Engine engine, ApiOptions opts, boolean range) {
        this.store = store;
        this.engine = engine;
        this.opts = opts;
        this.range = range;
    }

    public static QueryHandler instant(SeriesStore store, Engine engine, ApiOptions opts) {
        return new QueryHandler(store, engine, opts, false);
    }

    public static QueryHandler range(SeriesStore store, Engine engine, ApiOptions opts) {
        return new QueryHandler(store, engine, opts, true);
    }

    @Override
    public ApiResult handle(ApiRequest req) {
        QueryParams p = range ? QueryParams.range(req, opts.maxPointsPerSeries()) : QueryParams.instant(req, opts.now());
        Engine e = engineFor(req, p);
        Result r;
        try {
            r = range ? e.rangeQuery(p.query(), p.start(), p.end(), p.stepMillis()) : e.instantQuery(p.query(), p.end());
        } catch (PromqlException ex) {
            throw translate(ex);
        }
        Value v = r.value();
        List<String> warnings = r.warnings();
        if (p.limit() > 0) {
            Value cut = truncate(v, p.limit());
            if (cut != v) {
                v = cut;
                warnings = new ArrayList<>(warnings);
                warnings.add(Truncation.WARNING);
            }
        }
        Value result = v;
        return new ApiResult(w -> ValueJson.write(w, result), warnings, r.infos());
    }

    private Engine engineFor(ApiRequest req, QueryParams p) {
        EngineOptions o = engine.options();
        EngineOptions changed = o;
        if (p.timeoutMillis() > 0) {
            Duration t = Duration.ofMillis(p.timeoutMillis());
            if (o.timeout() == null || o.timeout().isZero() || t.compareTo(o.timeout()) < 0) {
                changed = changed.withTimeout(t);
            }
        }
        String lookback = req.param("lookback_delta");
        if (!lookback.isEmpty()) {
            long ms;
            try {
                ms = PromDuration.parseNanos(lookback) / 1_000_000;
            } catch (IllegalArgumentException ex) {
                throw ApiException.badData("error parsing lookback delta duration: " + ex.getMessage());
            }
            if (ms > 0) {
                changed = changed.withLookbackDelta(Duration.ofMillis(ms));
            }
        }
        return changed == o ? engine : new Engine(store, changed);
    }

    static ApiException translate(PromqlException e) {
        return switch (e.type()) {
            case BAD_DATA -> ApiException.invalidParam("query", e.getMessage());
            case EXECUTION -> new ApiException(ErrorType.EXECUTION, e.getMessage(), e);
            case TIMEOUT -> new ApiException(ErrorType.TIMEOUT, e.getMessage(), e);
            case CANCELED -> new ApiException(ErrorType.CANCELED, e.getMessage(), e);
        };
    }

    /** Prometheus' truncateResults: vectors and matrices only. */
    static Value truncate(Value v, int limit) {
        return switch (v) {
            case Vector vec when vec.samples().size() > limit -> new Vector(vec.samples().subList(0, limit));
            case Matrix m when m.series().size() > limit -> new Matrix(m.series().subList(0, limit));
            default -> v;
        };
    }
}
