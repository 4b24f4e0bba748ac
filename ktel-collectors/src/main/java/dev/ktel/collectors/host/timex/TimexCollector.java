package dev.ktel.collectors.host.timex;

import dev.ktel.collectors.Collector;
import dev.ktel.collectors.CollectorContext;
import dev.ktel.collectors.CollectorFactory;
import dev.ktel.collectors.CollectorUnavailableException;
import dev.ktel.core.metric.MetricFamily;
import dev.ktel.core.metric.MetricSink;

/** Kernel clock discipline state from adjtimex(2), as node_exporter's timex collector. */
public final class TimexCollector implements Collector {
    /** adjtimex return value: clock not synchronized. */
    static final int TIME_ERROR = 5;
    /** status bit: offset and jitter are in nanoseconds, else microseconds. */
    static final int STA_NANO = 0x2000;
    /** freq, ppsfreq and stabil are scaled ppm with a 16-bit fraction (adjtimex(2) NOTES). */
    static final double PPM16FRAC = 1000000.0 * 65536.0;

    static final MetricFamily SYNC = gauge("sync_status", "Is clock synchronized to a reliable server (1 = yes, 0 = no).");
    static final MetricFamily OFFSET = gauge("offset_seconds", "Time offset in between local system and reference clock.");
    static final MetricFamily FREQ = gauge("frequency_adjustment_ratio", "Local clock frequency adjustment.");
    static final MetricFamily MAXERROR = gauge("maxerror_seconds", "Maximum error in seconds.");
    static final MetricFamily ESTERROR = gauge("estimated_error_seconds", "Estimated error in seconds.");
    static final MetricFamily STATUS = gauge("status", "Value of the status array bits.");
    static final MetricFamily CONSTANT = gauge("loop_time_constant", "Phase-locked loop time constant.");
    static final MetricFamily TICK = gauge("tick_seconds", "Seconds between clock ticks.");
    static final MetricFamily PPSFREQ = gauge("pps_frequency_hertz", "Pulse per second frequency.");
    static final MetricFamily JITTER = gauge("pps_jitter_seconds", "Pulse per second jitter.");
    static final MetricFamily SHIFT = gauge("pps_shift_seconds", "Pulse per second interval duration.");
    static final MetricFamily STABIL = gauge("pps_stability_hertz",
            "Pulse per second stability, average of recent frequency changes.");
    static final MetricFamily JITCNT = counter("pps_jitter_total",
            "Pulse per second count of jitter limit exceeded events.");
    static final MetricFamily CALCNT = counter("pps_calibration_total",
            "Pulse per second count of calibration intervals.");
    static final MetricFamily ERRCNT = counter("pps_error_total", "Pulse per second count of calibration errors.");
    static final MetricFamily STBCNT = counter("pps_stability_exceeded_total",
            "Pulse per second count of stability limit exceeded events.");
    static final MetricFamily TAI = gauge("tai_offset_seconds", "International Atomic Time (TAI) offset.");

    private final Adjtimex adjtimex;
    private final Timex timex = new Timex();

    TimexCollector(Adjtimex adjtimex) {
        this.adjtimex = adjtimex;
    }

    private static MetricFamily gauge(String name, String help) {
        return MetricFamily.gauge("node_timex_" + name, help);
    }

    private static MetricFamily counter(String name, String help) {
        return MetricFamily.counter("node_timex_" + name, help);
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        adjtimex.read(timex);
        write(timex, sink);
    }

    /** Writes the families with node_exporter's scaling. Pure; tests call it with crafted values. */
    static void write(Timex t, MetricSink sink) {
        double divisor = (t.status & STA_NANO) != 0 ? 1e9 : 1e6;
        emit(sink, SYNC, t.state == TIME_ERROR ? 0 : 1);
        emit(sink, OFFSET, t.offset / divisor);
        emit(sink, FREQ, 1 + t.freq / PPM16FRAC);
        emit(sink, MAXERROR, t.maxerror / 1e6);
        emit(sink, ESTERROR, t.esterror / 1e6);
        emit(sink, STATUS, t.status);
        emit(sink, CONSTANT, t.constant);
        emit(sink, TICK, t.tick / 1e6);
        emit(sink, PPSFREQ, t.ppsfreq / PPM16FRAC);
        emit(sink, JITTER, t.jitter / divisor);
        emit(sink, SHIFT, t.shift);
        emit(sink, STABIL, t.stabil / PPM16FRAC);
        emit(sink, JITCNT, t.jitcnt);
        emit(sink, CALCNT, t.calcnt);
        emit(sink, ERRCNT, t.errcnt);
        emit(sink, STBCNT, t.stbcnt);
        emit(sink, TAI, t.tai);
    }

    private static void emit(MetricSink sink, MetricFamily f, double v) {
        sink.family(f);
        sink.sample(v);
    }

    @Override
    public void close() {
        adjtimex.close();
    }

    /** Registered in META-INF/services. */
    public static final class Factory implements CollectorFactory {
        @Override
        public String name() {
            return "timex";
        }

        @Override
        public String description() {
            return "Kernel clock synchronisation state (NTP discipline) from adjtimex(2).";
        }

        @Override
        public Collector create(CollectorContext ctx) throws CollectorUnavailableException {
            // The kernel clock is not namespaced: adjtimex answers for the host even inside a container.
            return new TimexCollector(Adjtimex.load());
        }
    }
}
