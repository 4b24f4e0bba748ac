package dev.ktel.core.http;

/** Serves one route. Throw {@link HttpException} for client errors; anything else becomes a 500. */
@FunctionalInterface
public interface HttpHandler {
    void handle(HttpRequest request, HttpResponse response) throws Exception;
}
