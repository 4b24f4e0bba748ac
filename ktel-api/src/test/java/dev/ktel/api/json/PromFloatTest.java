package dev.ktel.api.json;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected texts are what Go's strconv/jsonutil produce for the same doubles (Prometheus' encoders). */
class PromFloatTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1|1", "0|0", "-1|-1", "0.1|0.1", "1.5|1.5", "-2.25|-2.25", "100000|100000",
        "0.3333333333333333|0.3333333333333333", "1e-6|0.000001", "1e-7|1e-07", "1.5e-10|1.5e-10",
        "123456789.123|123456789.123", "1e20|100000000000000000000", "1.2345678901234567e20|123456789012345670000",
        "1e21|1e+21", "-2.5e21|-2.5e+21", "1.7976931348623157e308|1.7976931348623157e+308",
        "4.9e-324|5e-324", "9007199254740993|9007199254740992", "0.000123|0.000123"})
    void sampleValues(double v, String expected) {
        assertThat(PromFloat.value(v)).isEqualTo(expected);
    }

    @Test
    void specialValues() {
        assertThat(PromFloat.value(Double.NaN)).isEqualTo("NaN");
        assertThat(PromFloat.value(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
        assertThat(PromFloat.value(Double.NEGATIVE_INFINITY)).isEqualTo("-Inf");
        assertThat(PromFloat.value(-0.0)).isEqualTo("-0");
    }

    @Test
    void plainNotationNeverUsesExponent() {
        StringBuilder sb = new StringBuilder();
        PromFloat.appendPlain(sb, 1e25);
        sb.append(' ');
        PromFloat.appendPlain(sb, 1e-7);
        sb.append(' ');
        PromFloat.appendPlain(sb, -1.5e-9);
        assertThat(sb).hasToString("10000000000000000000000000 0.0000001 -0.0000000015");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"1435781451781|1435781451.781", "1000|1", "1500|1.500", "1005|1.005",
        "1050|1.050", "0|0", "-1500|-1.500", "999|0.999"})
    void sampleTimestamps(long ms, String expected) {
        StringBuilder sb = new StringBuilder();
        PromFloat.appendTimestamp(sb, ms);
        assertThat(sb).hasToString(expected);
    }

    @Test
    void scalarTimestampsAreShortestFloats() {
        StringBuilder sb = new StringBuilder();
        PromFloat.appendSeconds(sb, 1500);
        sb.append(' ');
        PromFloat.appendSeconds(sb, 1435781451780L);
        assertThat(sb).hasToString("1.5 1435781451.78");
    }

    /** Plain notation with shortest digits (Go's 'f', -1) for many values across the magnitudes gauges take. */
    @Test
    void plainValuesHaveShortestDigitsInPlainNotation() {
        java.util.Random r = new java.util.Random(42);
        for (int i = 0; i < 200_000; i++) {
            double v = Math.pow(10, -4 + 12 * r.nextDouble()) * (r.nextBoolean() ? 1 : -1);
            if (i % 3 == 0) {
                v = Math.round(v * 1000) / 1000.0; // values with few decimals, as counters divided by rates give
            }
            StringBuilder sb = new StringBuilder();
            PromFloat.appendValue(sb, v);
            if (Math.abs(v) >= 1e-6 && Math.abs(v) < 1e21 && v != Math.rint(v)) {
                String expected = new java.math.BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
                assertThat(sb.toString()).as("value %s", v).isEqualTo(expected);
            }
            assertThat(Double.parseDouble(sb.toString())).as("round trip").isEqualTo(v);
        }
    }
}
