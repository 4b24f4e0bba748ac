package dev.ktel.api.params;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PromTimeTest {
    @Test
    void unixSecondsRoundToMilliseconds() {
        assertThat(PromTime.parse("1435781451")).isEqualTo(1435781451000L);
        assertThat(PromTime.parse("1435781451.781")).isEqualTo(1435781451781L);
        assertThat(PromTime.parse("1.0016")).isEqualTo(1002L);
        assertThat(PromTime.parse("1.9996")).isEqualTo(2000L);
        assertThat(PromTime.parse("-1.5")).isEqualTo(-1500L);
        assertThat(PromTime.parse("1e3")).isEqualTo(1_000_000L);
    }

    @Test
    void rfc3339WithZoneAndFraction() {
        assertThat(PromTime.parse("2015-07-01T20:10:51.781Z")).isEqualTo(1435781451781L);
        assertThat(PromTime.parse("2015-07-01T22:10:51+02:00")).isEqualTo(1435781451000L);
    }

    @Test
    void openRangeBoundsAsClientsSendThem() {
        assertThat(PromTime.parse("-292273086-05-16T16:47:06Z")).isEqualTo(PromTime.MIN_TIME);
        assertThat(PromTime.parse("292277025-08-18T07:12:54.999999999Z")).isEqualTo(PromTime.MAX_TIME);
        // promtool's float rendering of the same bounds
        assertThat(PromTime.parse("-9223309901257974")).isEqualTo(-9223309901257974000L);
        assertThat(PromTime.parse("9223309901257975")).isGreaterThan(PromTime.MAX_TIME - 2000);
    }

    @Test
    void rejectsWhatPrometheusRejects() {
        for (String bad : new String[] {"", "abc", "NaN", "Inf", "1d", "0x10", " 1", "2015-07-01"}) {
            assertThatThrownBy(() -> PromTime.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("to a valid timestamp");
        }
    }
}
