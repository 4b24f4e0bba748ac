package dev.ktel.api;

import dev.ktel.api.json.ApiResponse.DataWriter;
import java.util.List;

/** What an endpoint answers on success: the {@code data} member and the warnings and infos to attach. */
public record ApiResult(DataWriter data, List<String> warnings, List<String> infos) {
    public static ApiResult of(DataWriter data) {
        return new ApiResult(data, List.of(), List.of());
    }

    public static ApiResult of(DataWriter data, List<String> warnings) {
        return new ApiResult(data, warnings, List.of());
    }
}
