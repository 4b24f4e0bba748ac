package dev.ktel.api;

import dev.ktel.api.json.ApiResponse;
import dev.ktel.core.http.HttpHandler;
import dev.ktel.core.http.HttpRequest;
import dev.ktel.core.http.HttpResponse;
import java.util.Set;

/**
 * Adapts an {@link ApiHandler} to the HTTP server: checks the method (405 otherwise, which Grafana takes as
 * "retry with GET"), answers CORS preflights, turns exceptions into Prometheus error envelopes and counts
 * everything in {@link ApiMetrics}.
 */
final class ApiEndpoint implements HttpHandler {
    static final Set<String> GET = Set.of("GET", "HEAD");
    static final Set<String> GET_POST = Set.of("GET", "HEAD", "POST");

    private final String name;
    private final Set<String> methods;
    private final ApiHandler handler;
    private final ApiMetrics metrics;
    private final ApiOptions opts;

    ApiEndpoint(String name, Set<String> methods, ApiHandler handler, ApiMetrics metrics, ApiOptions opts) {
        this.name = name;
        this.methods = methods;
        this.handler = handler;
        this.metrics = metrics;
        this.opts = opts;
    }

    @Override
    public void handle(HttpRequest req, HttpResponse res) {
        long start = System.nanoTime();
        try {
            cors(req, res);
            if (req.method().equals("OPTIONS")) {
                res.status(204);
                return;
            }
            if (!methods.contains(req.method())) {
                res.header("Allow", String.join(", ", methods.stream().sorted().toList()));
                res.text(405, "Method Not Allowed\n");
                metrics.failed(name, ErrorType.BAD_DATA);
                return;
            }
            try {
                ApiResult r = handler.handle(new ApiRequest(req));
                ApiResponse.success(req, res, r.data(), r.warnings(), r.infos());
            } catch (ApiException e) {
                metrics.failed(name, e.type());
                ApiResponse.error(req, res, e);
            } catch (RuntimeException e) {
                opts.errorLog().accept(e);
                metrics.failed(name, ErrorType.INTERNAL);
                ApiResponse.error(req, res, new ApiException(ErrorType.INTERNAL, String.valueOf(e), e));
            }
        } finally {
            metrics.served(name, System.nanoTime() - start);
        }
    }

    /** As Prometheus' web.cors.origin: echo an allowed Origin; nothing when CORS is off. */
    private void cors(HttpRequest req, HttpResponse res) {
        String origin = req.header("origin");
        if (opts.corsOrigin() == null || origin == null || !opts.corsOrigin().matcher(origin).matches()) {
            return;
        }
        res.header("Access-Control-Allow-Origin", origin);
        res.header("Access-Control-Allow-Headers", "Accept, Authorization, Content-Type, Origin");
        res.header("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
        res.header("Access-Control-Expose-Headers", "Date");
        res.header("Vary", "Origin");
    }
}
