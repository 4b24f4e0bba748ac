package dev.ktel.collectors.kmsg;

import dev.ktel.core.text.ProcParseException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses {@code /dev/kmsg} records: {@code prio,seq,ts_usec,flags[,more];message\n} followed by dictionary lines
 * that start with a space ({@code " SUBSYSTEM=acpi"}, {@code " DEVICE=+acpi:PNP0A08:00"}). One {@code read()} of
 * /dev/kmsg returns exactly one record. Unprintable bytes in the message arrive as {@code \xNN} escapes and are
 * decoded here.
 *
 * @see <a href="https://www.kernel.org/doc/Documentation/ABI/testing/dev-kmsg">Documentation/ABI/testing/dev-kmsg</a>
 */
public final class KmsgRecordParser {
    public static final String SOURCE = "/dev/kmsg";

    private KmsgRecordParser() {
    }

    /**
     * Parses one record. {@code position} (the record's offset or ordinal in the stream) is used in the error
     * message when the sequence number itself cannot be read.
     */
    public static KmsgRecord parse(byte[] buf, int off, int len, long position) {
        int end = off + len;
        if (end > off && buf[end - 1] == '\n') {
            end--;
        }
        int semi = -1;
        for (int i = off; i < end; i++) {
            if (buf[i] == ';') {
                semi = i;
                break;
            }
            if (buf[i] == '\n') {
                break;
            }
        }
        if (semi < 0) {
            throw error(position, "prefix", "missing ';' after the record prefix", buf, off, end);
        }
        int p = off;
        long prio = -1;
        long seq = -1;
        long ts = -1;
        char flag = '-';
        int field = 0;
        while (p <= semi && field < 4) {
            int start = p;
            while (p < semi && buf[p] != ',') {
                p++;
            }
            switch (field) {
                case 0 -> prio = number(buf, start, p, position, "priority");
                case 1 -> seq = number(buf, start, p, position, "sequence");
                case 2 -> ts = number(buf, start, p, seq >= 0 ? seq : position, "timestamp");
                default -> {
                    if (p - start != 1 || (buf[start] != '-' && buf[start] != 'c' && buf[start] != '+')) {
                        throw error(seq, "flags", "expected one of '-', 'c', '+'", buf, start, p);
                    }
                    flag = (char) buf[start];
                }
            }
            field++;
            p++;
        }
        if (field < 4) {
            throw error(seq >= 0 ? seq : position, "prefix", "expected prio,seq,ts_usec,flags", buf, off, semi);
        }
        if (prio > 1023) {
            throw error(seq, "priority", "out of range", buf, off, semi);
        }
        int msgEnd = semi + 1;
        while (msgEnd < end && buf[msgEnd] != '\n') {
            msgEnd++;
        }
        String message = unescape(buf, semi + 1, msgEnd);
        Map<String, String> dict = Map.of();
        int q = msgEnd + 1;
        while (q < end) {
            int lineEnd = q;
            while (lineEnd < end && buf[lineEnd] != '\n') {
                lineEnd++;
            }
            if (buf[q] == ' ') {
                int eq = -1;
                for (int i = q + 1; i < lineEnd; i++) {
                    if (buf[i] == '=') {
                        eq = i;
                        break;
                    }
                }
                if (eq < 0) {
                    throw error(seq, "dictionary", "expected KEY=VALUE", buf, q + 1, lineEnd);
                }
                if (dict.isEmpty()) {
                    dict = new LinkedHashMap<>();
                }
                dict.put(new String(buf, q + 1, eq - q - 1, StandardCharsets.UTF_8), unescape(buf, eq + 1, lineEnd));
            }
            q = lineEnd + 1;
        }
        return new KmsgRecord((int) (prio >> 3), (int) (prio & 7), seq, ts, flag, message, dict);
    }

    public static KmsgRecord parse(String record) {
        byte[] b = record.getBytes(StandardCharsets.UTF_8);
        return parse(b, 0, b.length, 0);
    }

    /**
     * Splits a text holding many records (as a file of captured records) into records: a line starting with a
     * space belongs to the record before it. Malformed records go to {@code errors} and are skipped.
     */
    public static List<KmsgRecord> parseAll(String text, List<ProcParseException> errors) {
        List<KmsgRecord> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        int i = 0;
        while (i < lines.length) {
            if (lines[i].isEmpty()) {
                i++;
                continue;
            }
            StringBuilder sb = new StringBuilder(lines[i]);
            int first = i++;
            while (i < lines.length && lines[i].startsWith(" ")) {
                sb.append('\n').append(lines[i++]);
            }
            try {
                byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
                out.add(parse(b, 0, b.length, first + 1));
            } catch (ProcParseException e) {
                errors.add(e);
            }
        }
        return out;
    }

    private static long number(byte[] buf, int start, int end, long position, String field) {
        if (start >= end) {
            throw error(position, field, "expected unsigned integer", buf, start, end);
        }
        long v = 0;
        for (int i = start; i < end; i++) {
            int d = buf[i] - '0';
            if (d < 0 || d > 9 || v > (Long.MAX_VALUE - d) / 10) {
                throw error(position, field, "expected unsigned integer", buf, start, end);
            }
            v = v * 10 + d;
        }
        return v;
    }

    private static String unescape(byte[] buf, int start, int end) {
        boolean escaped = false;
        for (int i = start; i < end; i++) {
            if (buf[i] == '\\') {
                escaped = true;
                break;
            }
        }
        if (!escaped) {
            return new String(buf, start, end - start, StandardCharsets.UTF_8);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(end - start);
        for (int i = start; i < end; i++) {
            if (buf[i] == '\\' && i + 3 < end && buf[i + 1] == 'x' && hex(buf[i + 2]) >= 0 && hex(buf[i + 3]) >= 0) {
                out.write(hex(buf[i + 2]) << 4 | hex(buf[i + 3]));
                i += 3;
            } else {
                out.write(buf[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }

    private static ProcParseException error(long seqOrPosition, String field, String problem, byte[] buf, int s,
            int e) {
        String found = new String(buf, s, Math.max(0, Math.min(e - s, 80)), StandardCharsets.UTF_8);
        return new ProcParseException(SOURCE, (int) Math.min(Integer.MAX_VALUE, Math.max(0, seqOrPosition)), field,
                problem, found);
    }
}
