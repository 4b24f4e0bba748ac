package dev.ktel.api.params;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ktel.store.api.Matcher;
import java.util.List;
import org.junit.jupiter.api.Test;

class SelectorParserTest {
    @Test
    void metricNameAlone() {
        assertThat(SelectorParser.parse("up")).containsExactly(Matcher.metricName("up"));
        assertThat(SelectorParser.parse("  node:cpu:rate5m ")).containsExactly(Matcher.metricName("node:cpu:rate5m"));
    }

    @Test
    void everyOperatorAndQuoteStyle() {
        List<Matcher> ms = SelectorParser.parse("http_requests_total{job=\"api\", code=~'5..', path!=`/a\\b`, "
            + "method!~\"GET|HEAD\",}");
        assertThat(ms).containsExactly(Matcher.metricName("http_requests_total"), Matcher.eq("job", "api"),
            Matcher.re("code", "5.."), Matcher.neq("path", "/a\\b"), Matcher.nre("method", "GET|HEAD"));
    }

    @Test
    void goEscapesInStrings() {
        assertThat(SelectorParser.parse("{a=\"x\\ny\\\"z\\x41\\u00e9\\101\"}"))
            .containsExactly(Matcher.eq("a", "x\ny\"zAéA"));
    }

    @Test
    void utf8NamesInQuotes() {
        assertThat(SelectorParser.parse("{\"my.metric\", \"service.name\"=\"a\"}"))
            .containsExactly(Matcher.metricName("my.metric"), Matcher.eq("service.name", "a"));
        assertThat(SelectorParser.parse("{__name__=~\"node_.*\"}")).containsExactly(Matcher.re("__name__", "node_.*"));
    }

    @Test
    void errorsNamePosition() {
        assertThatThrownBy(() -> SelectorParser.parse("up{job=}")).hasMessage(
            "1:8: parse error: expected label value string after =");
        assertThatThrownBy(() -> SelectorParser.parse("up{job=\"a\"")).hasMessageStartingWith("1:11: parse error");
        assertThatThrownBy(() -> SelectorParser.parse("up{job}")).hasMessageContaining("1:4:")
            .hasMessageContaining("without matcher operator");
        assertThatThrownBy(() -> SelectorParser.parse("up{__name__=\"x\"}")).hasMessageContaining("set twice");
        assertThatThrownBy(() -> SelectorParser.parse("{}")).hasMessageContaining("at least one");
        assertThatThrownBy(() -> SelectorParser.parse("up{a=~\"(\"}")).hasMessageContaining("invalid regex");
        assertThatThrownBy(() -> SelectorParser.parse("rate(up[5m])")).hasMessageContaining("1:5:");
        assertThatThrownBy(() -> SelectorParser.parse("up{a=\"\\q\"}")).hasMessageContaining("unknown escape");
    }
}
