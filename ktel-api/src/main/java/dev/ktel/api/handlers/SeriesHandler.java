package dev.ktel.api.handlers;

import dev.ktel.api.ApiHandler;
import dev.ktel.api.ApiRequest;
import dev.ktel.api.ApiResult;
import dev.ktel.api.json.LabelsJson;
import dev.ktel.api.params.PromTime;
import dev.ktel.store.api.Labels;
import dev.ktel.store.api.Matcher;
import dev.ktel.store.api.Series;
import dev.ktel.store.api.SeriesStore;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** /api/v1/series: the label sets of series with samples in [start, end] matching any {@code match[]}. */
public final class SeriesHandler implements ApiHandler {
    private final SeriesStore store;

    public SeriesHandler(SeriesStore store) {
        this.store = store;
    }

    @Override
    public ApiResult handle(ApiRequest req) {
        List<List<Matcher>> sets = req.matcherSets(true);
        int limit = req.limit();
        long start = req.time("start", PromTime.MIN_TIME);
        long end = req.time("end", PromTime.MAX_TIME);
        TreeSet<Labels> found = new TreeSet<>();
        for (List<Matcher> set : sets) {
            for (Series s : store.select(start, end, set.toArray(Matcher[]::new))) {
                found.add(s.labels());
            }
        }
        List<Labels> out = new ArrayList<>(found);
        List<String> warnings = List.of();
        if (limit > 0 && out.size() > limit) {
            out = out.subList(0, limit);
            warnings = List.of(Truncation.WARNING);
        }
        List<Labels> result = out;
        return ApiResult.of(w -> {
            w.beginArray();
            for (Labels l : result) {
                LabelsJson.write(w, l);
            }
            w.endArray();
        }, warnings);
    }
}
