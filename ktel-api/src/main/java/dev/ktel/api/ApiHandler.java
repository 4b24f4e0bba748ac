package dev.ktel.api;

/** One API endpoint: parameters in, result or {@link ApiException} out. */
@FunctionalInterface
public interface ApiHandler {
    ApiResult handle(ApiRequest request);
}
