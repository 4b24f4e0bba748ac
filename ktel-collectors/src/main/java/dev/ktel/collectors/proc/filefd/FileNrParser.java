package dev.ktel.collectors.proc.filefd;

import dev.ktel.core.text.ProcParseException;
import dev.ktel.core.text.TextScanner;

/**
 * Parses /proc/sys/fs/file-nr ({@code 1024	0	1631329}: allocated, unused, max); see
 * https://docs.kernel.org/admin-guide/sysctl/fs.html (file-max and file-nr). Pure and allocation-free.
 */
public final class FileNrParser {
    private final TextScanner scanner = new TextScanner();

    public void parse(String source, byte[] data, int length, FileNr into) {
        scanner.reset(source, data, length);
        if (!scanner.nextLine() || scanner.fieldCount() == 0) {
            throw new ProcParseException(source, 1, "line", "empty file", "");
        }
        into.allocated = scanner.unsigned(0, "allocated");
        into.unused = scanner.unsigned(1, "unused");
        into.maximum = scanner.unsigned(2, "maximum");
    }
}
