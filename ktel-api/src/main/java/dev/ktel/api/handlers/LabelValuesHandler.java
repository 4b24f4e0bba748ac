package dev.ktel.api.handlers;

import dev.ktel.api.ApiException;
import dev.ktel.api.ApiHandler;
import dev.ktel.api.ApiRequest;
import dev.ktel.api.ApiResult;
import dev.ktel.api.ErrorType;
import dev.ktel.api.params.LabelNameEscaping;
import dev.ktel.api.params.PromTime;
import dev.ktel.store.api.Matcher;
import dev.ktel.store.api.SeriesStore;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * /api/v1/label/NAME/values. NAME is percent-decoded, then Prometheus 3's {@code U__} escape is undone
 * ({@link LabelNameEscaping}), so UTF-8 label names work as Grafana sends them. Same time-range caveat as
 * {@link LabelNamesHandler}.
 */
public final class LabelValuesHandler implements ApiHandler {
    public static final String PREFIX = "/api/v1/label/";
    private static final String SUFFIX = "/values";

    private final SeriesStore store;

    public LabelValuesHandler(SeriesStore store) {
        this.store = store;
    }

    /** The label name of a {@code /api/v1/label/NAME/values} path, or null when the path has another shape. */
    public static String labelName(String path) {
        if (!path.startsWith(PREFIX) || !path.endsWith(SUFFIX) || path.length() <= PREFIX.length() + SUFFIX.length()) {
            return null;
        }
        String raw = path.substring(PREFIX.length(), path.length() - SUFFIX.length());
        if (raw.indexOf('/') >= 0) {
            return null;
        }
        try {
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.badData("invalid URL escape in label name: \"" + raw + "\"");
        }
    }

    @Override
    public ApiResult handle(ApiRequest req) {
        String raw = labelName(req.http().path());
        if (raw == null) {
            throw new ApiException(ErrorType.NOT_FOUND, "unknown API path " + req.http().path());
        }
        String name = LabelNameEscaping.unescape(raw);
        if (name.isEmpty() || name.indexOf('\uFFFD') >= 0) {
            throw ApiException.badData("invalid label name: \"" + name + "\"");
        }
        int limit = req.limit();
        req.time("start", PromTime.MIN_TIME);
        req.time("end", PromTime.MAX_TIME);
        List<List<Matcher>> sets = req.matcherSets(false);
        List<String> values;
        if (sets.size() <= 1) {
            values = store.labelValues(name, sets.isEmpty() ? new Matcher[0] : sets.getFirst().toArray(Matcher[]::new));
        } else {
            TreeSet<String> all = new TreeSet<>();
            for (List<Matcher> set : sets) {
                all.addAll(store.labelValues(name, set.toArray(Matcher[]::new)));
            }
            values = new ArrayList<>(all);
        }
        return StringListJson.result(values, limit);
    }
}
