package dev.ktel.collectors.kmsg;

import java.util.Map;

/**
 * One structured record of the kernel log ring buffer as {@code /dev/kmsg} returns it.
 *
 * @param facility   syslog facility (0 = kernel; user space writing to /dev/kmsg uses others)
 * @param level      syslog level, 0 = emerg ... 7 = debug
 * @param seq        the record's sequence number, increasing by one per record since boot
 * @param tsUsec     monotonic timestamp in microseconds since boot (what dmesg shows as seconds)
 * @param flag       {@code '-'} complete record, {@code 'c'} start of a continued line, {@code '+'} continuation
 * @param message    message text, {@code \xNN} escapes decoded
 * @param dictionary the KEY=VALUE continuation lines (SUBSYSTEM=, DEVICE=), empty when none
 */
public record KmsgRecord(int facility, int level, long seq, long tsUsec, char flag, String message,
        Map<String, String> dictionary) {

    public KmsgRecord {
        dictionary = dictionary.isEmpty() ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(dictionary));
    }

    /** A kernel record at the given level (for tests and replays). */
    public static KmsgRecord of(int level, long seq, long tsUsec, String message) {
        return new KmsgRecord(0, level, seq, tsUsec, '-', message, Map.of());
    }

    public int priority() {
        return facility * 8 + level;
    }
}
