package dev.ktel.collectors.proc.vmstat;

import dev.ktel.core.text.ParseErrors;
import dev.ktel.core.text.ProcParseException;
import dev.ktel.core.text.StringCache;
import dev.ktel.core.text.TextScanner;

/**
 * Parses /proc/vmstat ({@code pgfault 2860963}), the kernel's virtual memory event counters and page state
 * counts (mm/vmstat.c, {@code vmstat_text}); see https://docs.kernel.org/admin-guide/mm/ for their meaning.
 * The set of keys changes with every kernel release, so every key is kept. Pure and allocation-free after
 * warm-up.
 */
public final class VmstatParser {
    private final TextScanner scanner = new TextScanner();
    private final StringCache keys = new StringCache(1024);

    public void parse(String source, byte[] data, int length, Vmstat into, ParseErrors errors) {
        scanner.reset(source, data, length);
        into.count = 0;
        while (scanner.nextLine()) {
            if (scanner.fieldCount() == 0) {
                continue;
            }
            try {
                if (scanner.fieldCount() != 2) {
                    throw scanner.lineError("expected \"key value\"");
                }
                long v = scanner.signed(1, "value");
                int i = into.count;
                into.ensure(i + 1);
                into.key[i] = scanner.string(0, keys);
                into.value[i] = v;
                into.count = i + 1;
            } catch (ProcParseException e) {
                errors.report(e);
            }
        }
    }
}
