package dev.ktel.collectors.process;

import dev.ktel.core.text.ProcParseException;
import dev.ktel.core.text.StringCache;
import dev.ktel.core.text.TextScanner;

/**
 * Parses /proc/PID/stat ({@code 26231 (vim) R 5392 ... utime stime ... starttime vsize rss ...}; proc(5),
 * https://docs.kernel.org/filesystems/proc.html table 1-4). The comm may hold spaces and parentheses, so fields
 * are counted from the last ')'. Keeps comm, utime+stime (clock ticks, whole thread group), starttime (ticks
 * after boot, to tell a reused pid) and rss (pages). Pure; allocation-free after warm-up (comm is cached).
 */
public final class ProcPidStatParser {
    private final TextScanner scanner = new TextScanner();
    private final StringCache comms = new StringCache(1024);

    public String comm;
    public long cpuTicks;
    public long startTime;
    public long rssPages;

    public void parse(String source, byte[] data, int length) {
        int open = -1;
        int close = -1;
        for (int i = 0; i < length; i++) {
            if (data[i] == '(' && open < 0) {
                open = i;
            } else if (data[i] == ')') {
                close = i;
            }
        }
        if (open < 0 || close < open) {
            throw new ProcParseException(source, 1, "field 2 (comm)", "expected \"(comm)\"",
                    new String(data, 0, Math.min(length, 80), java.nio.charset.StandardCharsets.UTF_8));
        }
        comm = comms.get(data, open + 1, close);
        // scan the part after ")": field 3 (state) is index 0 there
        scanner.reset(source, data, length);
        scanner.nextLine();
        int skip = 0;
        while (skip < scanner.fieldCount() && scanner.start(skip) <= close) {
            skip++;
        }
        // field N (1-based, proc(5)) is index N - 3 + skip
        long utime = scanner.unsigned(skip + 11, "utime");
        long stime = scanner.unsigned(skip + 12, "stime");
        cpuTicks = utime + stime;
        startTime = scanner.unsigned(skip + 19, "starttime");
        long rss = scanner.signed(skip + 21, "rss");
        rssPages = Math.max(0, rss);
    }
}
