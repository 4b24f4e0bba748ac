package dev.ktel.api;

import dev.ktel.promql.Engine;

/** Registers the full API on a fixture the way the server wires it. */
final class PrometheusApiFactory {
    private PrometheusApiFactory() {
    }

    static PrometheusApi register(ApiFixture fx) {
        return PrometheusApi.register(fx.http, fx.store, new Engine(fx.store), ApiOptions.defaults());
    }
}
