package dev.ktel.api;

import dev.ktel.api.handlers.EmptyShapes;
import dev.ktel.api.handlers.LabelNamesHandler;
import dev.ktel.api.handlers.LabelValuesHandler;
import dev.ktel.api.handlers.MetadataHandler;
import dev.ktel.api.handlers.QueryHandler;
import dev.ktel.api.handlers.SeriesHandler;
import dev.ktel.api.handlers.StatusHandlers;
import dev.ktel.core.http.HttpServer;
import dev.ktel.promql.Engine;
import dev.ktel.store.api.SeriesStore;
import java.util.Set;

/**
 * The Prometheus HTTP API (/api/v1/...) over a series store and the PromQL engine, with Prometheus' JSON
 * shapes, error types and status codes. One call registers every route on an {@link HttpServer}.
 */
public final class PrometheusApi {
    private final HttpServer http;
    private final ApiOptions opts;
    private final ApiMetrics metrics = new ApiMetrics();

    private PrometheusApi(HttpServer http, ApiOptions opts) {
        this.http = http;
        this.opts = opts;
    }

    /**
     * Registers every /api/v1 route on {@code http}: queries on {@code engine} (which must read {@code store}),
     * series and label lookups on {@code store}, metadata and status from {@code opts}. Returns the API, whose
     * {@link #metrics()} the caller exposes as self-metrics.
     */
    public static PrometheusApi register(HttpServer http, SeriesStore store, Engine engine, ApiOptions opts) {
        PrometheusApi api = new PrometheusApi(http, opts);
        api.route("/api/v1/query", ApiEndpoint.GET_POST, QueryHandler.instant(store, engine, opts));
        api.route("/api/v1/query_range", ApiEndpoint.GET_POST, QueryHandler.range(store, engine, opts));
        api.registerStoreRoutes(store);
        return api;
    }

    public ApiMetrics metrics() {
        return metrics;
    }

    private void registerStoreRoutes(SeriesStore store) {
        route("/api/v1/series", ApiEndpoint.GET_POST, new SeriesHandler(store));
        route("/api/v1/labels", ApiEndpoint.GET_POST, new LabelNamesHandler(store));
        http.routePrefix(LabelValuesHandler.PREFIX, new ApiEndpoint("/api/v1/label/:name/values", ApiEndpoint.GET,
            new LabelValuesHandler(store), metrics, opts));
        route("/api/v1/metadata", ApiEndpoint.GET, new MetadataHandler(opts.metadata()));
        StatusHandlers status = new StatusHandlers(opts);
        route("/api/v1/status/buildinfo", ApiEndpoint.GET, r -> status.buildInfo());
        route("/api/v1/status/runtimeinfo", ApiEndpoint.GET, r -> status.runtimeInfo());
        route("/api/v1/status/flags", ApiEndpoint.GET, r -> status.flags());
        route("/api/v1/status/config", ApiEndpoint.GET, r -> status.config());
        route("/api/v1/rules", ApiEndpoint.GET, EmptyShapes::rules);
        route("/api/v1/alerts", ApiEndpoint.GET, EmptyShapes::alerts);
        route("/api/v1/targets", ApiEndpoint.GET, EmptyShapes::targets);
        route("/api/v1/targets/metadata", ApiEndpoint.GET, EmptyShapes::targetMetadata);
        route("/api/v1/alertmanagers", ApiEndpoint.GET, EmptyShapes::alertmanagers);
        route("/api/v1/query_exemplars", ApiEndpoint.GET_POST, EmptyShapes::exemplars);
    }

    private void route(String path, Set<String> methods, ApiHandler handler) {
        http.route(path, new ApiEndpoint(path, methods, handler, metrics, opts));
    }
}
