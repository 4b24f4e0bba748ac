package dev.ktel.collectors.kmsg;

import dev.ktel.core.event.CorrelationKey;
import dev.ktel.core.event.Event;
import dev.ktel.core.event.EventSink;
import dev.ktel.core.event.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The postmortem of a kernel panic: after a crash the kernel's pstore backend (ramoops, efi, erst) keeps the tail of
 * the kernel log of the dying boot, and at the next boot it shows as {@code /sys/fs/pstore/dmesg-<backend>-<id>}. The
 * kmsg ring of the new boot no longer has those lines, so this reader turns each dump into one event ({@code panic},
 * {@code oops} or {@code pstore_dump}) with the line that says what happened, the taint and the whole tail as an
 * attribute. A state file remembers which dumps were reported, so each one is reported once across restarts.
 */
public final class PstoreReader {
    public static final String SOURCE = "pstore";
    /** Header the kernel writes at the top of each dump part: {@code <reason>#<count> Part<n>}. */
    private static final Pattern HEADER = Pattern.compile("^(\\w+)#(\\d+) Part(\\d+)$");
    /** Optional syslog prefix and printk time stamp in front of a dumped line. */
    private static final Pattern PREFIX = Pattern.compile("^(?:<\\d+>)?(?:\\[\\s*\\d+\\.\\d+\\]\\s?)?");
    private static final Pattern TAINT = Pattern.compile("(?:Not tainted|Tainted: ([A-Z][A-Z \\-]*?))\\s+\\S+\\s+#");
    private static final String[] HEADLINES = {"Kernel panic - not syncing", "BUG:", "Oops", "general protection fault",
        "Unable to handle kernel", "watchdog: ", "RIP:"};
    private static final int MAX_TAIL_CHARS = 8192;

    /** One dump file, parsed. */
    public record Dump(String file, String reason, int count, int part, List<String> lines) {
        /** The most telling line: the panic or BUG line, else the last one. */
        public String headline() {
            for (String h : HEADLINES) {
                for (String l : lines) {
                    if (l.contains(h)) {
                        return l;
                    }
                }
            }
            return lines.isEmpty() ? "" : lines.getLast();
        }

        /** Taint flags from the "CPU: … Tainted: …" line ("" when not tainted, null when no such line). */
        public String taint() {
            for (String l : lines) {
                Matcher m = TAINT.matcher(l);
                if (m.find()) {
                    return m.group(1) == null ? "" : m.group(1).strip();
                }
            }
            return null;
        }
    }

    private final Path dir;
    private final Path stateFile;
    private int unreadable;

    public PstoreReader(Path pstoreDir, Path stateFile) {
        this.dir = pstoreDir;
        this.stateFile = stateFile;
    }

    /** Parses the text of one dump file; a missing header yields reason "Unknown". */
    public static Dump parse(String fileName, String text) {
        List<String> lines = new ArrayList<>();
        String reason = "Unknown";
        int count = 0;
        int part = 0;
        boolean first = true;
        for (String raw : text.split("\n", -1)) {
            String line = raw.strip();
            if (first) {
                first = false;
                Matcher h = HEADER.matcher(line);
                if (h.matches()) {
                    reason = h.group(1);
                    count = Integer.parseInt(h.group(2));
                    part = Integer.parseInt(h.group(3));
                    continue;
                }
            }
            String body = PREFIX.matcher(line).replaceFirst("");
            if (!body.isEmpty()) {
                lines.add(body);
            }
        }
        return new Dump(fileName, reason, count, part, List.copyOf(lines));
    }

    /** Dump files that could not be read or are compressed (the kernel's {@code .enc.z}), since start. */
    public int unreadable() {
        return unreadable;
    }

    /**
     * Reports every dump not reported before as an event to {@code out} and records it in the state file. Returns
     * the number of events; 0 when the pstore directory does not exist (not mounted, no backend).
     */
    public int report(String host, EventSink out) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        Set<String> seen = loadState();
        Set<String> now = new LinkedHashSet<>();
        int reported = 0;
        TreeSet<Path> files = new TreeSet<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "dmesg-*")) {
            ds.forEach(files::add);
        }
        for (Path f : files) {
            String key = f.getFileName() + ":" + Files.size(f) + ":" + Files.getLastModifiedTime(f).toMillis();
            now.add(key);
            if (seen.contains(key)) {
                continue;
            }
            if (f.getFileName().toString().endsWith(".z")) {
                unreadable++; // compressed by the kernel (CONFIG_PSTORE_COMPRESS without the decompressor)
                continue;
            }
            String text;
            try {
                text = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
            } catch (IOException e) {
                unreadable++;
                continue;
            }
            out.accept(toEvent(parse(f.getFileName().toString(), text), host,
                    Files.getLastModifiedTime(f).toMillis() * 1_000_000L));
            reported++;
        }
        saveState(now);
        return reported;
    }

    static Event toEvent(Dump d, String host, long timestampNanos) {
        String type = switch (d.reason()) {
            case "Panic" -> "panic";
            case "Oops" -> "oops";
            default -> "pstore_dump";
        };
        Severity severity = switch (type) {
            case "panic" -> Severity.EMERG;
            case "oops" -> Severity.CRIT;
            default -> Severity.WARNING;
        };
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("file", d.file());
        attrs.put("reason", d.reason());
        attrs.put("dump_count", Integer.toString(d.count()));
        attrs.put("part", Integer.toString(d.part()));
        attrs.put("previous_boot", "true");
        String taint = d.taint();
        if (taint != null) {
            attrs.put("taint", taint);
        }
        String tail = String.join("\n", d.lines());
        attrs.put("log_tail", tail.length() > MAX_TAIL_CHARS ? tail.substring(tail.length() - MAX_TAIL_CHARS) : tail);
        return new Event(timestampNanos, host, type, severity, CorrelationKey.NONE, attrs,
                d.headline(), SOURCE, d.count() * 1000L + d.part());
    }

    private Set<String> loadState() throws IOException {
        return Files.exists(stateFile) ? new LinkedHashSet<>(Files.readAllLines(stateFile)) : Set.of();
    }

    private void saveState(Set<String> keys) throws IOException {
        Files.createDirectories(stateFile.toAbsolutePath().getParent());
        Path tmp = stateFile.resolveSibling(stateFile.getFileName() + ".tmp");
        Files.write(tmp, keys);
        Files.move(tmp, stateFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
