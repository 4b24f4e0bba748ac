package dev.ktel.collectors.proc.meminfo;

import dev.ktel.core.text.ParseErrors;
import dev.ktel.core.text.ProcParseException;
import dev.ktel.core.text.StringCache;
import dev.ktel.core.text.TextScanner;

/**
 * Parses /proc/meminfo ({@code Active(anon):    2020004 kB}, {@code HugePages_Total:       0}); see
 * https://docs.kernel.org/filesystems/proc.html (meminfo). Every key is kept, so keys added by newer kernels
 * come through. Pure and allocation-free after warm-up.
 */
public final class MeminfoParser {
    private final TextScanner scanner = new TextScanner();
    private final StringCache keys = new StringCache(256);

    public void parse(String source, byte[] data, int length, Meminfo into, ParseErrors errors) {
        scanner.reset(source, data, length);
        into.count = 0;
        while (scanner.nextLine()) {
            int fields = scanner.fieldCount();
            if (fields == 0) {
                continue; // some 3.10 kernels print empty lines
            }
            try {
                if (!scanner.fieldEndsWith(0, ':') || scanner.length(0) < 2) {
                    throw scanner.error(0, "key", "expected KEY:");
                }
                if (fields > 3 || (fields == 3 && !scanner.fieldEquals(2, "kB"))) {
                    throw scanner.lineError("expected \"KEY: VALUE [kB]\"");
                }
                long v = scanner.unsigned(1, "value");
                int i = into.count;
                into.ensure(i + 1);
                into.key[i] = scanner.string(0, 1, keys);
                into.value[i] = v;
                into.kilobytes[i] = fields == 3;
                into.count = i + 1;
            } catch (ProcParseException e) {
                errors.report(e);
            }
        }
    }
}
