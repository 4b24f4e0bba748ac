package dev.ktel.api.params;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ktel.api.ApiException;
import dev.ktel.api.ApiRequest;
import dev.ktel.api.ErrorType;
import dev.ktel.core.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryParamsTest {
    static ApiRequest get(String query) {
        return new ApiRequest(HttpRequest.of("GET", "/api/v1/query_range?" + query, Map.of(), new byte[0]));
    }

    static ApiRequest postForm(String form) {
        return new ApiRequest(HttpRequest.of("POST", "/api/v1/query_range",
            Map.of("content-type", "application/x-www-form-urlencoded"), form.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void rangeFromForm() {
        QueryParams p = QueryParams.range(postForm("query=up&start=1700000000&end=1700003600.5&step=15s&timeout=30s"
            + "&limit=7"), 11_000);
        assertThat(p).isEqualTo(new QueryParams("up", 1_700_000_000_000L, 1_700_003_600_500L, 15_000, 30_000, 7));
    }

    @Test
    void instantDefaultsToNow() {
        QueryParams p = QueryParams.instant(get("query=1%2B1"), 42_000);
        assertThat(p.query()).isEqualTo("1+1");
        assertThat(p.start()).isEqualTo(42_000).isEqualTo(p.end());
        assertThat(QueryParams.instant(get("query=up&time=2015-07-01T20:10:51.781Z"), 0).end())
            .isEqualTo(1435781451781L);
    }

    @Test
    void prometheusErrorTexts() {
        assertBadData(() -> QueryParams.range(get("query=up&end=2&step=1"), 11_000),
            "invalid parameter \"start\": cannot parse \"\" to a valid timestamp");
        assertBadData(() -> QueryParams.range(get("query=up&start=2&end=1&step=1"), 11_000),
            "invalid parameter \"end\": end timestamp must not be before start time");
        assertBadData(() -> QueryParams.range(get("query=up&start=1&end=2&step=x"), 11_000),
            "invalid parameter \"step\": cannot parse \"x\" to a valid duration");
        assertBadData(() -> QueryParams.range(get("query=up&start=1&end=2&step=0"), 11_000),
            "invalid parameter \"step\": zero or negative query resolution step widths are not accepted. "
                + "Try a positive integer");
        assertBadData(() -> QueryParams.range(get("query=up&start=0&end=11001&step=1"), 11_000),
            "exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution "
                + "(?step=XX)");
        assertThat(QueryParams.range(get("query=up&start=0&end=11000&step=1"), 11_000).stepMillis()).isEqualTo(1000);
        assertBadData(() -> QueryParams.instant(get("query=up&time=x"), 0),
            "invalid parameter \"time\": invalid time value for 'time': cannot parse \"x\" to a valid timestamp");
        assertBadData(() -> QueryParams.instant(get("query=up&limit=-1"), 0),
            "invalid parameter \"limit\": limit must be non-negative");
        assertBadData(() -> QueryParams.instant(get("query=up&timeout=soon"), 0),
            "invalid parameter \"timeout\": cannot parse \"soon\" to a valid duration");
    }

    private static void assertBadData(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOf(ApiException.class).hasMessage(message)
            .satisfies(e -> assertThat(((ApiException) e).type()).isEqualTo(ErrorType.BAD_DATA));
    }
}
