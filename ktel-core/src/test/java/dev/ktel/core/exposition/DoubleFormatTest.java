package dev.ktel.core.exposition;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DoubleFormatTest {

    private static String fmt(double v) {
        ByteBuf b = new ByteBuf(8);
        DoubleFormat.append(b, v);
        return b.toString();
    }

    @ParameterizedTest
    @CsvSource({"0,0", "3,3", "-7,-7", "1234.56,1234.56", "0.05,0.05", "-0.001,-0.001", "1.305e-06,0.000001305", "1.5e-12,1.5E-12",
        "1e300,1.0E300", "123456789012,123456789012", "0.1,0.1"})
    void formatsShortestForm(double v, String expected) {
        assertThat(fmt(v)).isEqualTo(expected);
    }

    @Test
    void specialValuesUsePrometheusSpelling() {
        assertThat(fmt(Double.NaN)).isEqualTo("NaN");
        assertThat(fmt(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
        assertThat(fmt(Double.NEGATIVE_INFINITY)).isEqualTo("-Inf");
    }

    @Test
    void everyValueRoundTrips() {
        SplittableRandom r = new SplittableRandom(42);
        for (int i = 0; i < 200_000; i++) {
            double v = switch (i % 4) {
                case 0 -> r.nextLong(1L << 40) / 100.0;
                case 1 -> r.nextDouble() * Math.pow(10, r.nextInt(-12, 18));
                case 2 -> Double.longBitsToDouble(r.nextLong());
                default -> -r.nextLong(1_000_000) / 1000.0;
            };
            if (Double.isNaN(v)) {
                continue;
            }
            assertThat(Double.parseDouble(fmt(v))).as("value %s", v).isEqualTo(v);
        }
    }
}
