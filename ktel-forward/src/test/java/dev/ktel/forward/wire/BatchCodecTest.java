package dev.ktel.forward.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ktel.core.event.CorrelationKey;
import dev.ktel.core.event.Event;
import dev.ktel.core.event.Severity;
import dev.ktel.store.api.Labels;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchCodecTest {

    @Test
    void remoteWriteBytesFollowTheProtoDefinition() {
        // WriteRequest{timeseries:[{labels:[{__name__,"up"}], samples:[{value:1.0, timestamp:1000}]}]}, laid out by
        // hand from prometheus/prompb/types.proto: field 1 (LEN) ts → field 1 (LEN) label, field 2 (LEN) sample
        byte[] got = BatchCodec.encode(new Batch(List.of(WriteSeries.of(Labels.metric("up"), 1000, 1.0)), List.of()));
        String expected = "0a1e" + "0a0e" + "0a085f5f6e616d655f5f" + "1202" + "7570"
                + "120c" + "09000000000000f03f" + "10e807";
        assertThat(HexFormat.of().formatHex(got)).isEqualTo(expected);
    }

    @Test
    void roundTripsSeriesAndEvents() throws Exception {
        Event e = new Event(1_700_000_000_123_456_789L, "h1", "oom_kill", Severity.ERR,
                CorrelationKey.ofCgroup("/sys/fs/cgroup/x"), Map.of("pid", "42", "comm", "java"), "Out of memory",
                "kmsg", 7);
        WriteSeries s1 = new WriteSeries(Labels.metric("a_total", "host", "h1", "cpu", "0"), new long[] {1, 2},
                new double[] {1.5, Double.NaN});
        WriteSeries s2 = WriteSeries.of(Labels.metric("b", "x", "ü"), 3, -0.0);
        Batch b = BatchCodec.decode(BatchCodec.encode(new Batch(List.of(s1, s2), List.of(e))));
        assertThat(b.series()).hasSize(2);
        assertThat(b.series().get(0).labels()).isEqualTo(s1.labels());
        assertThat(b.series().get(0).timestamps()).containsExactly(1, 2);
        assertThat(b.series().get(0).values()[1]).isNaN();
        assertThat(b.series().get(1).labels().get("x")).isEqualTo("ü");
        assertThat(Double.doubleToRawLongBits(b.series().get(1).values()[0])).isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(b.events()).containsExactly(e);
    }

    @Test
    void compressionRoundTrips() throws Exception {
        byte[] raw = BatchCodec.encode(new Batch(List.of(WriteSeries.of(Labels.metric("up"), 1, 1)), List.of()));
        for (Compression c : Compression.values()) {
            assertThat(c.decompress(c.compress(raw))).isEqualTo(raw);
        }
        assertThatThrownBy(() -> Compression.SNAPPY.decompress(new byte[] {(byte) 0xff, 1, 2}))
                .isInstanceOf(PayloadException.class).hasMessageContaining("body");
        assertThatThrownBy(() -> Compression.fromHeader("gzip", Compression.ZSTD))
                .hasMessageContaining("Content-Encoding");
    }

    @Test
    void badPayloadsNameTheField() {
        // a series without __name__
        byte[] noName = BatchCodec.encode(new Batch(List.of(WriteSeries.of(Labels.metric("x"), 1, 1)), List.of()));
        noName[7] = (byte) 'X'; // "__name__" becomes "_Xname__": the series has no metric name
        assertThatThrownBy(() -> BatchCodec.decode(noName)).isInstanceOf(PayloadException.class)
                .hasMessageContaining("timeseries[0].labels");
        // truncated in the middle of the first series
        byte[] ok = BatchCodec.encode(new Batch(List.of(WriteSeries.of(Labels.metric("up"), 1, 1)), List.of()));
        byte[] cut = java.util.Arrays.copyOf(ok, ok.length - 3);
        assertThatThrownBy(() -> BatchCodec.decode(cut)).isInstanceOf(PayloadException.class)
                .hasMessageContaining("timeseries[0]");
        // timeseries field with the wrong wire type
        assertThatThrownBy(() -> BatchCodec.decode(new byte[] {0x08, 0x01})).isInstanceOf(PayloadException.class)
                .hasMessageContaining("timeseries[0]").hasMessageContaining("wire type");
    }
}
