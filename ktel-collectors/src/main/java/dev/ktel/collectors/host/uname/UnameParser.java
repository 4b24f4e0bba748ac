package dev.ktel.collectors.host.uname;

import dev.ktel.core.text.ProcParseException;
import dev.ktel.core.text.StringCache;

/**
 * Decodes uname values: the NUL-terminated {@code char[65]} fields of {@code struct utsname} (uname(2)) and
 * the one-line files {@code /proc/sys/kernel/{ostype,osrelease,version,hostname,domainname,arch}} that hold
 * the same strings (see <a href="https://docs.kernel.org/admin-guide/sysctl/kernel.html">sysctl/kernel</a>).
 * Pure and allocation-free once the values are cached.
 */
public final class UnameParser {
    /** {@code _UTSNAME_LENGTH} on Linux. */
    public static final int FIELD_LENGTH = 65;

    private final StringCache cache = new StringCache(64);

    /** The C string in {@code buf[off, off + max)}, up to the first NUL. */
    public String cString(byte[] buf, int off, int max) {
        int end = off;
        while (end < off + max && buf[end] != 0) {
            end++;
        }
        return cache.get(buf, off, end);
    }

    /** The first line of a sysctl file, without its line feed. */
    public String line(String source, byte[] data, int length) {
        int end = 0;
        while (end < length && data[end] != '\n') {
            end++;
        }
        if (end == 0 && length == 0) {
            throw new ProcParseException(source, 1, "value", "empty file", "");
        }
        return cache.get(data, 0, end);
    }
}
