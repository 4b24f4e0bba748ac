package dev.ktel.api.params;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PromDurationTest {
    @Test
    void floatSeconds() {
        assertThat(PromDuration.parseNanos("15")).isEqualTo(15_000_000_000L);
        assertThat(PromDuration.parseNanos("0.5")).isEqualTo(500_000_000L);
        assertThat(PromDuration.parseNanos("1e1")).isEqualTo(10_000_000_000L);
    }

    @Test
    void prometheusDurations() {
        assertThat(PromDuration.parseNanos("5m")).isEqualTo(300_000_000_000L);
        assertThat(PromDuration.parsePromDurationMillis("1h30m")).isEqualTo(5_400_000L);
        assertThat(PromDuration.parsePromDurationMillis("1d2h3m4s5ms")).isEqualTo(93_784_005L);
        assertThat(PromDuration.parsePromDurationMillis("2w")).isEqualTo(1_209_600_000L);
        assertThat(PromDuration.parsePromDurationMillis("1y")).isEqualTo(31_536_000_000L);
        assertThat(PromDuration.parsePromDurationMillis("100ms")).isEqualTo(100L);
        assertThat(PromDuration.parsePromDurationMillis("0")).isZero();
    }

    @Test
    void rejectsMalformedAndOverflowing() {
        for (String bad : new String[] {"", "m", "5x", "1m1h", "1h1h", "5 m", "-5m", "1.5m"}) {
            assertThatThrownBy(() -> PromDuration.parseNanos(bad)).as(bad)
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("valid duration");
        }
        assertThatThrownBy(() -> PromDuration.parseNanos("1e300")).hasMessageContaining("overflows int64");
    }
}
