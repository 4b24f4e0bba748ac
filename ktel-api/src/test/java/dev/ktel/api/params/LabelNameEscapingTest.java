package dev.ktel.api.params;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LabelNameEscapingTest {
    @Test
    void legacyNamesPassThrough() {
        assertThat(LabelNameEscaping.unescape("job")).isEqualTo("job");
        assertThat(LabelNameEscaping.unescape("__name__")).isEqualTo("__name__");
    }

    @Test
    void grafanaEscapedNames() {
        // the examples of Grafana's escapeForUtf8Support
        assertThat(LabelNameEscaping.unescape("U__my_20_lovely__http_2e_status:sum")).isEqualTo("my lovely_http.status:sum");
        assertThat(LabelNameEscaping.unescape("U__label_20_with_20__1f631_")).isEqualTo("label with 😱");
        assertThat(LabelNameEscaping.unescape("U__service_2e_name")).isEqualTo("service.name");
    }

    @Test
    void invalidEscapesAreLeftAsGiven() {
        for (String s : new String[] {"U__a_", "U__a_zz_", "U__a_1234567_", "U__a_d800_"}) {
            assertThat(LabelNameEscaping.unescape(s)).as(s).isEqualTo(s);
        }
    }
}
