package dev.ktel.api.handlers;

import dev.ktel.api.ApiResult;
import java.util.List;

/** A sorted list of strings as the data member, cut at {@code limit} with Prometheus' warning. */
final class StringListJson {
    private StringListJson() {
    }

    static ApiResult result(List<String> values, int limit) {
        List<String> out = values;
        List<String> warnings = List.of();
        if (limit > 0 && out.size() > limit) {
            out = out.subList(0, limit);
            warnings = List.of(Truncation.WARNING);
        }
        List<String> result = out;
        return ApiResult.of(w -> {
            w.beginArray();
            for (String s : result) {
                w.value(s);
            }
            w.endArray();
        }, warnings);
    }
}
