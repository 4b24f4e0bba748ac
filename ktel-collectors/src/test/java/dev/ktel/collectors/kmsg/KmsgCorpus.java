package dev.ktel.collectors.kmsg;

import dev.ktel.collectors.testing.SharedFixtures;
import dev.ktel.core.event.Event;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kmsg fixture corpus (shared/fixtures/kmsg): examples split on their {@code ### source:} headers, each turned
 * into kmsg records the way the kernel would have handed them out. The containers the examples were found in
 * (syslog, journal, dmesg -T, OpenWrt logread, Talos, console priorities) are stripped here, in the test harness:
 * production code only ever reads /dev/kmsg records.
 */
final class KmsgCorpus {

    record Example(String file, int index, String source, String kernel, List<KmsgRecord> records) {
        @Override
        public String toString() {
            return file + " #" + index + " (" + kernel + ")";
        }
    }

    private static final Pattern RAW = Pattern.compile("^\\d+,\\d+,\\d+,[-c+][^;]*;");
    private static final Pattern DROPPED = Pattern.compile("^\\d+ printk messages dropped \\*\\* ");
    private static final Pattern TALOS = Pattern.compile("^\\S+: kern:\\s+(\\w+): \\[[^\\]]+\\]: ");
    private static final Pattern SONIC = Pattern.compile("^\\d{4} \\w{3}\\s+\\d+ [\\d:.]+ \\S+ ([A-Z]+) kernel: ");
    private static final Pattern OPENWRT = Pattern.compile("^(?:\\w{3} \\w{3}\\s+\\d+ [\\d:]+ \\d{4} )?(\\w+)\\.(\\w+) (\\S+?): ");
    private static final Pattern RFC3339 = Pattern.compile("^\\d{4}-\\d\\d-\\d\\dT[\\d:.]+(?:Z|[+-]\\d\\d:\\d\\d) \\S+ (\\S+?): ");
    private static final Pattern SYSLOG = Pattern.compile("^\\p{L}{3}\\s+\\d+ [\\d:.]+\\s+(?:(\\S+)\\s+)??(\\S+?)(?:\\[\\d+\\])?: ");
    private static final Pattern KERNEL_PREFIX = Pattern.compile("^\\s*kernel: ?");
    private static final Pattern CONSOLE_PRIO = Pattern.compile("^<(\\d)>");
    private static final Pattern DMESG_T = Pattern.compile("^\\[\\w{3} \\w{3}\\s+\\d+ [\\d:]+ \\d{4}\\] ");
    private static final Pattern TS = Pattern.compile("^\\[\\s*(\\d+)\\.(\\d{1,6})\\](?:\\[\\s*[TC]\\d+\\])? ?");

    private KmsgCorpus() {
    }

    static Path dir() {
        return SharedFixtures.fixtures().resolve("kmsg");
    }

    static List<Example> load(String file) {
        String text;
        try {
            text = Files.readString(dir().resolve(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Example> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        int i = 0;
        while (i < lines.length) {
            if (!lines[i].startsWith("### source: ")) {
                i++;
                continue;
            }
            String header = lines[i].substring("### source: ".length());
            int k = header.lastIndexOf(" kernel: ");
            String source = header.substring(0, k);
            String kernel = header.substring(k + " kernel: ".length());
            List<String> body = new ArrayList<>();
            i++;
            while (i < lines.length && !lines[i].startsWith("### source: ")) {
                body.add(lines[i++]);
            }
            out.add(new Example(file, out.size() + 1, source, kernel, records(body)));
        }
        return out;
    }

    static List<KmsgRecord> records(List<String> body) {
        List<KmsgRecord> out = new ArrayList<>();
        long seq = 1;
        long ts = 0;
        for (int i = 0; i < body.size(); i++) {
            String line = body.get(i);
            if (RAW.matcher(line).find()) {
                StringBuilder rec = new StringBuilder(line);
                while (i + 1 < body.size() && body.get(i + 1).startsWith(" ") && body.get(i + 1).contains("=")
                        && !body.get(i + 1).contains(";")) {
                    rec.append('\n').append(body.get(++i));
                }
                KmsgRecord r = KmsgRecordParser.parse(rec.toString());
                out.add(r);
                ts = r.tsUsec();
                continue;
            }
            if (line.isBlank() || line.startsWith("Message from syslogd@")) {
                continue;
            }
            int level = 6;
            String m = line;
            Matcher x;
            if ((x = DROPPED.matcher(m)).find()) {
                m = m.substring(x.end());
            }
            if ((x = TALOS.matcher(m)).find()) {
                level = level(x.group(1));
                m = m.substring(x.end());
            } else if ((x = SONIC.matcher(m)).find()) {
                level = level(x.group(1));
                m = m.substring(x.end());
            } else if ((x = OPENWRT.matcher(m)).find() && x.group(3).equals("kernel")
                    && x.group(1).matches("kern|daemon|user")) {
                level = level(x.group(2));
                m = m.substring(x.end());
            } else if (x.find(0) && x.group(1).matches("kern|daemon|user|syslog|authpriv")) {
                continue; // a user-space line in the same log
            } else if ((x = RFC3339.matcher(m)).find()) {
                if (!x.group(1).equals("kernel")) {
                    continue;
                }
                m = m.substring(x.end());
            } else if ((x = SYSLOG.matcher(m)).find()) {
                if (!x.group(2).equals("kernel")) {
                    continue; // systemd, containerd, mcelog ... next to the kernel lines
                }
                m = m.substring(x.end());
            }
            if ((x = KERNEL_PREFIX.matcher(m)).find()) {
                m = m.substring(x.end());
            }
            if ((x = CONSOLE_PRIO.matcher(m)).find()) {
                level = Integer.parseInt(x.group(1));
                m = m.substring(x.end());
            }
            if ((x = DMESG_T.matcher(m)).find()) {
                m = m.substring(x.end());
                ts += 1;
            } else if ((x = TS.matcher(m)).find()) {
                String frac = (x.group(2) + "000000").substring(0, 6);
                ts = Long.parseLong(x.group(1)) * 1_000_000L + Long.parseLong(frac);
                m = m.substring(x.end());
            } else {
                ts += 1;
            }
            out.add(new KmsgRecord(0, level, seq++, ts, '-', stripEnd(m), Map.of()));
        }
        return out;
    }

    private static String stripEnd(String s) {
        int e = s.length();
        while (e > 0 && (s.charAt(e - 1) == ' ' || s.charAt(e - 1) == '\r')) {
            e--;
        }
        return s.substring(0, e);
    }

    private static int level(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "emerg" -> 0;
            case "alert" -> 1;
            case "crit" -> 2;
            case "err", "error" -> 3;
            case "warn", "warning" -> 4;
            case "notice" -> 5;
            case "debug" -> 7;
            default -> 6;
        };
    }

    /** Classifies one example in isolation, as if its records were the whole log. */
    static List<Event> classify(Example e) {
        List<Event> events = new ArrayList<>();
        KernelEventClassifier c = new KernelEventClassifier("test-host", usec -> usec * 1000, events::add);
        for (KmsgRecord r : e.records()) {
            c.accept(r);
        }
        c.flush();
        return events;
    }
}
