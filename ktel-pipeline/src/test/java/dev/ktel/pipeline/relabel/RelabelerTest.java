package dev.ktel.pipeline.relabel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Table-driven relabel cases in the style of Prometheus' relabel tests: input labels, rules, expected labels
 * (null = dropped). The cases are written for this project.
 */
class RelabelerTest {

    private static RelabelRule.Builder rule() {
        return RelabelRule.builder();
    }

    private static Arguments c(String name, Map<String, String> input, List<RelabelRule> rules,
            Map<String, String> expected) {
        return Arguments.of(name, input, rules, expected);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                c("no rules keeps everything", Map.of("a", "foo", "b", "bar"), List.of(),
                        Map.of("a", "foo", "b", "bar")),
                c("replace with default regex copies the value", Map.of("a", "foo"),
                        List.of(rule().sourceLabels("a").targetLabel("d").build()),
                        Map.of("a", "foo", "d", "foo")),
                c("replace with capture groups and separator", Map.of("a", "foo", "b", "bar"),
                        List.of(rule().sourceLabels("a", "b").regex("f(.*);(.*)r").targetLabel("a")
                                .replacement("ch${1}-ch${2}").build()),
                        Map.of("a", "choo-chba", "b", "bar")),
                c("replace is anchored: partial match does nothing", Map.of("a", "foo"),
                        List.of(rule().sourceLabels("a").regex("o+").targetLabel("d").replacement("x").build()),
                        Map.of("a", "foo")),
                c("replace: $1x means group '1x', hence empty, hence label removed", Map.of("a", "foo"),
                        List.of(rule().sourceLabels("a").regex("(f)oo").targetLabel("a").replacement("$1x").build()),
                        Map.of()),
                c("replace: ${1}x concatenates", Map.of("a", "foo"),
                        List.of(rule().sourceLabels("a").regex("(f)oo").targetLabel("a").replacement("${1}x").build()),
                        Map.of("a", "fx")),
                c("replace: templated target label", Map.of("a", "some-name-value"),
                        List.of(rule().sourceLabels("a").regex("some-([^-]+)-([^,]+)").targetLabel("${1}")
                                .replacement("${2}").build()),
                        Map.of("a", "some-name-value", "name", "value")),
                c("replace: invalid expanded target is skipped", Map.of("a", "some-0-value"),
                        List.of(rule().sourceLabels("a").regex("some-([^-]+)-([^,]+)").targetLabel("${1}")
                                .replacement("${2}").build()),
                        Map.of("a", "some-0-value")),
                c("replace: missing source label is the empty string", Map.of("a", "foo"),
                        List.of(rule().sourceLabels("z").regex("").targetLabel("z").replacement("was-empty").build()),
                        Map.of("a", "foo", "z", "was-empty")),
                c("replace: named groups (RE2 syntax)", Map.of("instance", "host1:9100"),
                        List.of(rule().sourceLabels("instance").regex("(?P<host>[^:]+):\\d+").targetLabel("host")
                                .replacement("$host").build()),
                        Map.of("instance", "host1:9100", "host", "host1")),
                c("replace: $$ is a literal dollar", Map.of("a", "foo"),
                        List.of(rule().sourceLabels("a").targetLabel("b").replacement("$$1").build()),
                        Map.of("a", "foo", "b", "$1")),
                c("keep matching", Map.of("a", "foo"),
                        List.of(rule().sourceLabels("a").regex("f.*").action("keep").build()), Map.of("a", "foo")),
                c("keep not matching drops", Map.of("a", "foo"),
                        List.of(rule().sourceLabels("a").regex("f").action("keep").build()), null),
                c("drop matching", Map.of("a", "foo"),
                        List.of(rule().sourceLabels("a").regex(".*o.*").action("drop").build()), null),
                c("drop: regex matches across the separator", Map.of("a", "foo", "b", "bar"),
                        List.of(rule().sourceLabels("a", "b").regex("foo;bar").action("drop").build()), null),
                c("drop not matching keeps", Map.of("a", "foo"),
                        List.of(rule().sourceLabels("a").regex("bar").action("drop").build()), Map.of("a", "foo")),
                c("keepequal equal keeps", Map.of("a", "x", "b", "x"),
                        List.of(rule().sourceLabels("a").targetLabel("b").action("keepequal").build()),
                        Map.of("a", "x", "b", "x")),
                c("keepequal different drops", Map.of("a", "x", "b", "y"),
                        List.of(rule().sourceLabels("a").targetLabel("b").action("keepequal").build()), null),
                c("dropequal equal drops", Map.of("a", "x", "b", "x"),
                        List.of(rule().sourceLabels("a").targetLabel("b").action("dropequal").build()), null),
                c("dropequal different keeps", Map.of("a", "x", "b", "y"),
                        List.of(rule().sourceLabels("a").targetLabel("b").action("dropequal").build()),
                        Map.of("a", "x", "b", "y")),
                c("hashmod matches the reference implementation's value", Map.of("c", "baz"),
                        List.of(rule().sourceLabels("c").targetLabel("d").modulus(1000).action("hashmod").build()),
                        Map.of("c", "baz", "d", "976")),
                c("hashmod", Map.of("a", "foo"),
                        List.of(rule().sourceLabels("a").targetLabel("shard").modulus(1000).action("hashmod").build()),
                        Map.of("a", "foo", "shard", md5Mod("foo", 1000))),
                c("hashmod of a long value with the top bit set", Map.of("instance", "node-42.example:9100"),
                        List.of(rule().sourceLabels("instance").targetLabel("shard").modulus(7).action("hashmod")
                                .build()),
                        Map.of("instance", "node-42.example:9100", "shard", md5Mod("node-42.example:9100", 7))),
                c("labelmap copies matching names", Map.of("__meta_pod", "p1", "__meta_ns", "n1", "x", "y"),
                        List.of(rule().regex("__meta_(.+)").action("labelmap").build()),
                        Map.of("__meta_pod", "p1", "__meta_ns", "n1", "x", "y", "pod", "p1", "ns", "n1")),
                c("labelmap with a replacement template", Map.of("a", "1", "b", "2"),
                        List.of(rule().regex("(.*)").replacement("copy_${1}").action("labelmap").build()),
                        Map.of("a", "1", "b", "2", "copy_a", "1", "copy_b", "2")),
                c("labeldrop", Map.of("a", "1", "b", "2", "c", "3"),
                        List.of(rule().regex("[ab]").action("labeldrop").build()), Map.of("c", "3")),
                c("labelkeep", Map.of("a", "1", "b", "2", "c", "3"),
                        List.of(rule().regex("[ab]").action("labelkeep").build()), Map.of("a", "1", "b", "2")),
                c("lowercase", Map.of("a", "FooBar"),
                        List.of(rule().sourceLabels("a").targetLabel("l").action("lowercase").build()),
                        Map.of("a", "FooBar", "l", "foobar")),
                c("uppercase of two sources", Map.of("a", "foo", "b", "Bar"),
                        List.of(rule().sourceLabels("a", "b").separator("-").targetLabel("u").action("uppercase")
                                .build()),
                        Map.of("a", "foo", "b", "Bar", "u", "FOO-BAR")),
                c("rules chain in order: rename then drop", Map.of("__name__", "node_cpu_seconds_total", "mode", "idle"),
                        List.of(rule().sourceLabels("__name__").regex("node_(.*)").targetLabel("__name__")
                                        .replacement("host_$1").build(),
                                rule().sourceLabels("__name__", "mode").regex("host_cpu_seconds_total;idle")
                                        .action("drop").build()),
                        null),
                c("regex sees newlines (dotall, like Prometheus)", Map.of("a", "x\ny"),
                        List.of(rule().sourceLabels("a").regex("x.y").action("keep").build()), Map.of("a", "x\ny")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void relabels(String name, Map<String, String> input, List<RelabelRule> rules, Map<String, String> expected) {
        LabelSet labels = new LabelSet();
        input.forEach(labels::set);
        boolean kept = new Relabeler(rules).apply(labels);
        if (expected == null) {
            assertThat(kept).as("dropped").isFalse();
        } else {
            assertThat(kept).as("kept").isTrue();
            assertThat(labels.asMap()).containsExactlyInAnyOrderEntriesOf(expected);
        }
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of(rule().sourceLabels("a"), "requires target_label"),
                Arguments.of(rule().action("hashmod").targetLabel("x"), "non-zero modulus"),
                Arguments.of(rule().action("labeldrop").sourceLabels("a"), "takes only regex"),
                Arguments.of(rule().action("keepequal").targetLabel("b").regex("x"), "takes only source_labels"),
                Arguments.of(rule().action("lowercase").targetLabel("${1}"), "invalid for action lowercase"),
                Arguments.of(rule().targetLabel("0abc"), "invalid for action replace"));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void rejectsInvalidRules(RelabelRule.Builder builder, String message) {
        assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @org.junit.jupiter.api.Test
    void rejectsAnInvalidRegexWhereItIsGiven() {
        assertThatThrownBy(() -> rule().regex("(unclosed")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("regex: invalid");
    }

    /** Independent computation of Prometheus' hashmod: the low 64 bits of MD5, unsigned, mod m. */
    private static String md5Mod(String s, long m) {
        try {
            byte[] h = java.security.MessageDigest.getInstance("MD5").digest(s.getBytes(
                    java.nio.charset.StandardCharsets.UTF_8));
            java.math.BigInteger low = new java.math.BigInteger(1, java.util.Arrays.copyOfRange(h, 8, 16));
            return low.mod(java.math.BigInteger.valueOf(m)).toString();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
