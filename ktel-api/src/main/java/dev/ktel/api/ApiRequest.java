package dev.ktel.api;

import dev.ktel.api.params.PromDuration;
import dev.ktel.api.params.PromTime;
import dev.ktel.api.params.SelectorParser;
import dev.ktel.core.http.HttpException;
import dev.ktel.core.http.HttpRequest;
import dev.ktel.store.api.Matcher;
import java.util.ArrayList;
import java.util.List;

/**
 * One API request's parameters (URL query and, for POST, the form body), read and validated the way
 * Prometheus does, with its error texts: {@code invalid parameter "step": cannot parse "x" to a valid duration}.
 */
public final class ApiRequest {
    private final HttpRequest http;

    public ApiRequest(HttpRequest http) {
        this.http = http;
    }

    public HttpRequest http() {
        return http;
    }

    /** The first value of a parameter, or "" when absent (Go's FormValue). */
    public String param(String name) {
        try {
            String v = http.param(name);
            return v == null ? "" : v;
        } catch (HttpException e) {
            throw ApiException.badData("error parsing form values: " + e.getMessage());
        }
    }

    public List<String> params(String name) {
        try {
            return http.paramValues(name);
        } catch (HttpException e) {
            throw ApiException.badData("error parsing form values: " + e.getMessage());
        }
    }

    /** A required time ({@code start}/{@code end} of a range query). */
    public long requiredTime(String name) {
        try {
            return PromTime.parse(param(name));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidParam(name, e.getMessage());
        }
    }

    /** An optional time; {@code dflt} when absent. */
    public long time(String name, long dflt) {
        String v = param(name);
        if (v.isEmpty()) {
            return dflt;
        }
        try {
            return PromTime.parse(v);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidParam(name, "invalid time value for '" + name + "': " + e.getMessage());
        }
    }

    /** A required duration in nanoseconds. */
    public long durationNanos(String name) {
        try {
            return PromDuration.parseNanos(param(name));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidParam(name, e.getMessage());
        }
    }

    /** {@code limit}: 0 (no limit) when absent; negative or non-numeric is bad data. */
    public int limit() {
        String v = param("limit");
        if (v.isEmpty()) {
            return 0;
        }
        int n;
        try {
            n = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw ApiException.invalidParam("limit", "strconv.Atoi: parsing \"" + v + "\": invalid syntax");
        }
        if (n < 0) {
            throw ApiException.invalidParam("limit", "limit must be non-negative");
        }
        return n;
    }

    /**
     * The {@code match[]} selectors, each a list of matchers; every selector needs a matcher that does not match
     * the empty string (otherwise it would select every series).
     */
    public List<List<Matcher>> matcherSets(boolean required) {
        List<String> raw = params("match[]");
        if (raw.isEmpty() && required) {
            throw ApiException.badData("no match[] parameter provided");
        }
        List<List<Matcher>> sets = new ArrayList<>(raw.size());
        for (String s : raw) {
            List<Matcher> ms;
            try {
                ms = SelectorParser.parse(s);
            } catch (IllegalArgumentException e) {
                throw ApiException.invalidParam("match[]", e.getMessage());
            }
            if (ms.stream().allMatch(Matcher::matchesEmpty)) {
                throw ApiException.badData("match[] must contain at least one non-empty matcher");
            }
            sets.add(ms);
        }
        return sets;
    }
}
