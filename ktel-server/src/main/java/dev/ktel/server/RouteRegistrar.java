package dev.ktel.server;

import dev.ktel.core.http.HttpServer;

/**
 * The seam through which server-side HTTP features join the server's endpoint: the Prometheus query API and UI
 * ({@code ktel-api}), the ingest endpoint ({@code ktel-forward}), later the event store's API. Each registers its routes
 * on the shared {@link HttpServer} and reads the store through {@link Server#store()}. Either add an instance with
 * {@link Server#addRoutes} or ship a provider ({@code META-INF/services/dev.ktel.server.RouteRegistrar}, public
 * no-argument constructor) that {@link Server#routes} discovers.
 */
@FunctionalInterface
public interface RouteRegistrar {
  void register(HttpServer http, Server server);
}
