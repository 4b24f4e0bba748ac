package dev.ktel.api.params;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Time parameters as the Prometheus API accepts them: a unix timestamp in seconds (float, rounded to the
 * millisecond) or an RFC 3339 date-time. The extreme "open range" values clients send when no range is given
 * (Prometheus' MinTime/MaxTime, as floats or as their RFC 3339 text) map to the widest range.
 */
public final class PromTime {
    /** Prometheus' MinTime and MaxTime in milliseconds. */
    public static final long MIN_TIME = -9223309901257974L * 1000;
    public static final long MAX_TIME = 9223309901257974L * 1000 + 999;
    private static final String MIN_TIME_TEXT = "-292273086-05-16T16:47:06Z";
    private static final String MAX_TIME_TEXT = "292277025-08-18T07:12:54.999999999Z";

    private PromTime() {
    }

    /** Milliseconds since the epoch; throws {@link IllegalArgumentException} with the reason. */
    public static long parse(String s) {
        if (PromNumber.looksNumeric(s)) {
            double secs;
            try {
                secs = Double.parseDouble(s);
            } catch (NumberFormatException e) {
                throw cannotParse(s);
            }
            if (Double.isNaN(secs) || Double.isInfinite(secs)) {
                throw cannotParse(s);
            }
            return secondsToMillis(secs);
        }
        switch (s) {
            case MIN_TIME_TEXT -> {
                return MIN_TIME;
            }
            case MAX_TIME_TEXT -> {
                return MAX_TIME;
            }
            default -> {
            }
        }
        try {
            return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant().toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e) {
            throw cannotParse(s);
        }
    }

    /** Whole seconds plus the fraction rounded to milliseconds (half away from zero), clamped to the long range. */
    static long secondsToMillis(double secs) {
        double whole = secs < 0 ? Math.ceil(secs) : Math.floor(secs);
        double frac = secs - whole;
        long fracMs = (long) Math.floor(Math.abs(frac) * 1000 + 0.5) * (frac < 0 ? -1 : 1);
        if (Math.abs(whole) >= 0x1p63) {
            return whole < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        try {
            return Math.addExact(Math.multiplyExact((long) whole, 1000L), fracMs);
        } catch (ArithmeticException e) {
            return whole < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    private static IllegalArgumentException cannotParse(String s) {
        return new IllegalArgumentException("cannot parse \"" + s + "\" to a valid timestamp");
    }
}
