package dev.ktel.collectors.host.textfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ktel.core.metric.MetricType;
import dev.ktel.core.text.ProcParseException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextFormatParserTest {

    private static List<TextFamily> parse(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return new TextFormatParser().parse("/var/lib/textfile/x.prom", b, b.length);
    }

    @Test
    void parsesHelpTypeLabelsAndSpecialValues() {
        List<TextFamily> fs = parse("""
                # HELP backup_age_seconds Age of the last backup.\\nSecond line with \\\\ backslash.
                # TYPE backup_age_seconds gauge
                # a plain comment
                backup_age_seconds{job="db",path="/srv/a \\"b\\"\\n"} 3600
                backup_age_seconds{job="web",} -1.5e3
                up_total 7
                nan_value NaN
                inf_value{a="x"} +Inf
                neg_inf -Inf

                """);
        assertThat(fs).extracting(f -> f.name).containsExactly("backup_age_seconds", "up_total", "nan_value",
                "inf_value", "neg_inf");
        TextFamily age = fs.getFirst();
        assertThat(age.type).isEqualTo(MetricType.GAUGE);
        assertThat(age.help).isEqualTo("Age of the last backup.\nSecond line with \\ backslash.");
        assertThat(age.samples).hasSize(2);
        assertThat(age.samples.get(0).label("path")).isEqualTo("/srv/a \"b\"\n");
        assertThat(age.samples.get(1).value()).isEqualTo(-1500.0);
        assertThat(fs.get(1).type).isEqualTo(MetricType.UNTYPED);
        assertThat(fs.get(1).help).isNull();
        assertThat(fs.get(2).samples.getFirst().value()).isNaN();
        assertThat(fs.get(3).samples.getFirst().value()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(fs.get(4).samples.getFirst().value()).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void groupsHistogramAndSummarySamplesUnderTheirFamily() {
        List<TextFamily> fs = parse("""
                # TYPE rpc_seconds histogram
                rpc_seconds_bucket{le="0.1"} 3
                rpc_seconds_bucket{le="+Inf"} 5
                rpc_seconds_sum 1.25
                rpc_seconds_count 5
                # TYPE lat summary
                lat{quantile="0.5"} 0.2
                lat_sum 9
                lat_count 30
                """);
        assertThat(fs).extracting(f -> f.name).containsExactly("rpc_seconds", "lat");
        assertThat(fs.get(0).samples).extracting(TextSample::suffix)
                .containsExactly("_bucket", "_bucket", "_sum", "_count");
        assertThat(fs.get(1).samples).extracting(TextSample::suffix).containsExactly("", "_sum", "_count");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "'good 1\nbad-name 2\n'|:2: metric name: invalid metric name",
        "'good 1\nfoo{a=\"b} 2\n'|:2: label a: unterminated label value",
        "'foo{a=\"b\" 2\n'|:1: label a: expected ',' or '}'",
        "'foo{a=b} 2\n'|:1: label a: expected '\"'",
        "'foo{a=\"\\q\"} 2\n'|:1: label a: invalid escape sequence",
        "'foo{a=\"1\",a=\"2\"} 2\n'|:1: label name: duplicate label a",
        "'foo\n'|:1: value: missing value",
        "'foo abc\n'|:1: value: expected number",
        "'foo 1d\n'|:1: value: expected number",
        "'foo 1 1700000000000\n'|:1: timestamp: client-side timestamps are not supported",
        "'# TYPE foo bogus\n'|:1: TYPE: unknown metric type",
        "'foo 1\n# TYPE foo gauge\n'|:2: TYPE: second TYPE line",
        "'# HELP foo a\n# HELP foo b\n'|:2: HELP: second HELP line",
        "'# TYPE h histogram\nh_bucket 1\n'|:2: labels: histogram bucket without le label",
        "'# TYPE s summary\ns 1\n'|:2: labels: summary sample without quantile label",
    })
    void rejectsMalformedInputNamingFileLineAndPart(String text, String expected) {
        assertThatThrownBy(() -> parse(text))
                .isInstanceOf(ProcParseException.class)
                .hasMessageStartingWith("/var/lib/textfile/x.prom" + expected);
    }
}
