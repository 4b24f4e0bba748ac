package dev.ktel.collectors.host.timex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ktel.collectors.testing.Collect;
import dev.ktel.core.io.HostPaths;
import dev.ktel.core.metric.SampleRecorder;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

class TimexCollectorTest {

    private static Timex sample(int status) {
        Timex t = new Timex();
        t.state = 0;
        t.offset = 1500;
        t.freq = -655360; // -10 ppm in 16.16 fixed point
        t.maxerror = 16000;
        t.esterror = 500;
        t.status = status;
        t.constant = 7;
        t.tick = 10000;
        t.ppsfreq = 65536;
        t.jitter = 2000;
        t.shift = 4;
        t.stabil = 131072;
        t.jitcnt = 1;
        t.calcnt = 2;
        t.errcnt = 3;
        t.stbcnt = 4;
        t.tai = 37;
        return t;
    }

    @Test
    void microsecondScalingWithoutStaNano() {
        SampleRecorder rec = new SampleRecorder();
        TimexCollector.write(sample(0x0001), rec); // STA_PLL
        assertThat(rec.value("node_timex_sync_status")).contains(1.0);
        assertThat(rec.value("node_timex_offset_seconds")).contains(0.0015);
        assertThat(rec.value("node_timex_pps_jitter_seconds")).contains(0.002);
        assertThat(rec.value("node_timex_frequency_adjustment_ratio").orElseThrow()).isCloseTo(0.99999,
                within(1e-12));
        assertThat(rec.value("node_timex_maxerror_seconds")).contains(0.016);
        assertThat(rec.value("node_timex_estimated_error_seconds")).contains(0.0005);
        assertThat(rec.value("node_timex_status")).contains(1.0);
        assertThat(rec.value("node_timex_loop_time_constant")).contains(7.0);
        assertThat(rec.value("node_timex_tick_seconds")).contains(0.01);
        assertThat(rec.value("node_timex_pps_frequency_hertz")).contains(1e-6);
        assertThat(rec.value("node_timex_pps_stability_hertz")).contains(2e-6);
        assertThat(rec.value("node_timex_pps_shift_seconds")).contains(4.0);
        assertThat(rec.value("node_timex_pps_stability_exceeded_total")).contains(4.0);
        assertThat(rec.value("node_timex_tai_offset_seconds")).contains(37.0);
        assertThat(rec.families()).hasSize(17);
        assertThat(rec.families().get("node_timex_pps_error_total").type().textName()).isEqualTo("counter");
    }

    @Test
    void nanosecondScalingWithStaNano() {
        SampleRecorder rec = new SampleRecorder();
        Timex t = sample(TimexCollector.STA_NANO);
        t.state = TimexCollector.TIME_ERROR;
        TimexCollector.write(t, rec);
        assertThat(rec.value("node_timex_sync_status")).contains(0.0);
        assertThat(rec.value("node_timex_offset_seconds")).contains(1.5e-6);
        assertThat(rec.value("node_timex_pps_jitter_seconds")).contains(2e-6);
        // maxerror and esterror stay microseconds even with STA_NANO
        assertThat(rec.value("node_timex_maxerror_seconds")).contains(0.016);
    }

    @Test
    void decodesTheStructLayout() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = arena.allocate(Adjtimex.SIZE, 8);
            s.set(ValueLayout.JAVA_LONG, 8, -42);      // offset
            s.set(ValueLayout.JAVA_LONG, 16, 123456);  // freq
            s.set(ValueLayout.JAVA_INT, 40, 0x2001);   // status
            s.set(ValueLayout.JAVA_LONG, 88, 10000);   // tick
            s.set(ValueLayout.JAVA_INT, 112, 8);       // shift
            s.set(ValueLayout.JAVA_LONG, 152, 99);     // stbcnt
            s.set(ValueLayout.JAVA_INT, 160, 37);      // tai
            Timex t = new Timex();
            Adjtimex.decode(s, 5, t);
            assertThat(t.state).isEqualTo(5);
            assertThat(t.offset).isEqualTo(-42);
            assertThat(t.freq).isEqualTo(123456);
            assertThat(t.status).isEqualTo(0x2001);
            assertThat(t.tick).isEqualTo(10000);
            assertThat(t.shift).isEqualTo(8);
            assertThat(t.stbcnt).isEqualTo(99);
            assertThat(t.tai).isEqualTo(37);
        }
    }

    @Test
    void liveHostThroughAdjtimex() throws Exception {
        SampleRecorder rec = Collect.once(new TimexCollector.Factory(), HostPaths.host());
        // tick is 1e6 / USER_HZ microseconds: 0.01 s on every Linux with USER_HZ 100
        assertThat(rec.value("node_timex_tick_seconds").orElseThrow()).isCloseTo(0.01, within(0.001));
        assertThat(rec.value("node_timex_frequency_adjustment_ratio").orElseThrow()).isCloseTo(1.0, within(0.001));
        assertThat(rec.value("node_timex_maxerror_seconds").orElseThrow()).isGreaterThanOrEqualTo(0);
        assertThat(rec.value("node_timex_sync_status").orElseThrow()).isIn(0.0, 1.0);
        assertThat(rec.families()).hasSize(17);
    }
}
