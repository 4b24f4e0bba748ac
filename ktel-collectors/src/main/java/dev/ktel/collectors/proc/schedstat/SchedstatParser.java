package dev.ktel.collectors.proc.schedstat;

import dev.ktel.core.text.ParseErrors;
import dev.ktel.core.text.ProcParseException;
import dev.ktel.core.text.StringCache;
import dev.ktel.core.text.TextScanner;

/**
 * Parses /proc/schedstat (kernels with CONFIG_SCHEDSTATS): a {@code version} line, then per CPU
 * {@code cpuN} followed by nine counters, of which the 7th to 9th are run time (ns), run-queue wait time
 * (ns) and timeslices; {@code domainN} lines are skipped. See https://docs.kernel.org/scheduler/sched-stats.html.
 * The per-CPU layout has been the same from version 15 on; fields after the ninth are ignored. Pure and
 * allocation-free after warm-up.
 */
public final class SchedstatParser {
    private static final int CPU_FIELDS = 9;

    private final TextScanner scanner = new TextScanner();
    private final StringCache cpuNames = new StringCache(512);

    public void parse(String source, byte[] data, int length, Schedstat into, ParseErrors errors) {
        scanner.reset(source, data, length);
        into.count = 0;
        into.version = 0;
        while (scanner.nextLine()) {
            try {
                if (scanner.fieldEquals(0, "version")) {
                    into.version = (int) Math.min(Integer.MAX_VALUE, scanner.unsigned(1, "version"));
                } else if (scanner.fieldStartsWith(0, "cpu")) {
                    parseCpu(into);
                }
            } catch (ProcParseException e) {
                errors.report(e);
            }
        }
    }

    private void parseCpu(Schedstat into) {
        byte[] buf = scanner.buffer();
        int s = scanner.start(0) + 3;
        int e = scanner.end(0);
        if (TextScanner.parseUnsigned(buf, s, e) < 0) {
            throw scanner.error(0, "cpu", "expected cpuN");
        }
        if (scanner.fieldCount() < 1 + CPU_FIELDS) {
            throw scanner.lineError("expected cpuN and " + CPU_FIELDS + " counters, got "
                    + (scanner.fieldCount() - 1) + " counters");
        }
        long running = scanner.unsigned(7, "running_ns");
        long waiting = scanner.unsigned(8, "waiting_ns");
        long slices = scanner.unsigned(9, "timeslices");
        int i = into.count;
        into.ensure(i + 1);
        into.cpu[i] = cpuNames.get(buf, s, e);
        into.runningNanos[i] = running;
        into.waitingNanos[i] = waiting;
        into.timeslices[i] = slices;
        into.count = i + 1;
    }
}
