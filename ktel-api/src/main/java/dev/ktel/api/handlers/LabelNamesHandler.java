package dev.ktel.api.handlers;

import dev.ktel.api.ApiHandler;
import dev.ktel.api.ApiRequest;
import dev.ktel.api.ApiResult;
import dev.ktel.api.params.PromTime;
import dev.ktel.store.api.Matcher;
import dev.ktel.store.api.SeriesStore;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * /api/v1/labels: label names of the series matching any {@code match[]} (all series without one). start and
 * end are validated but the store's label index is not time-bounded, so names of series without samples in the
 * range can appear too (as with Prometheus when the range touches its head block).
 */
public final class LabelNamesHandler implements ApiHandler {
    private final SeriesStore store;

    public LabelNamesHandler(SeriesStore store) {
        this.store = store;
    }

    @Override
    public ApiResult handle(ApiRequest req) {
        int limit = req.limit();
        req.time("start", PromTime.MIN_TIME);
        req.time("end", PromTime.MAX_TIME);
        List<List<Matcher>> sets = req.matcherSets(false);
        List<String> names;
        if (sets.isEmpty()) {
            names = store.labelNames();
        } else if (sets.size() == 1) {
            names = store.labelNames(sets.getFirst().toArray(Matcher[]::new));
        } else {
            TreeSet<String> all = new TreeSet<>();
            for (List<Matcher> set : sets) {
                all.addAll(store.labelNames(set.toArray(Matcher[]::new)));
            }
            names = new ArrayList<>(all);
        }
        return StringListJson.result(names, limit);
    }
}
