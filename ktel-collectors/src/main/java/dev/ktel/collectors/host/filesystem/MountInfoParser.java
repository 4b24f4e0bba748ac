package dev.ktel.collectors.host.filesystem;

import dev.ktel.core.text.ParseErrors;
import dev.ktel.core.text.ProcParseException;
import dev.ktel.core.text.StringCache;
import dev.ktel.core.text.TextScanner;

/**
 * Parses /proc/PID/mountinfo ({@code 36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue},
 * see proc_pid_mountinfo(5) and
 * <a href="https://www.kernel.org/doc/Documentation/filesystems/proc.rst">proc.rst</a> section 3.5) and, as a
 * fallback, /proc/mounts ({@code /dev/root / ext4 rw,relatime 0 0}, fstab(5) layout, no device numbers).
 * Octal escapes the kernel writes for space, tab, newline and backslash ({@code \040}) are decoded. Pure and
 * allocation-free in steady state.
 */
public final class MountInfoParser {
    private final TextScanner scanner = new TextScanner();
    private final StringCache strings = new StringCache(512);
    private byte[] scratch = new byte[256];

    public void parseMountInfo(String source, byte[] data, int length, Mounts into, ParseErrors errors) {
        scanner.reset(source, data, length);
        into.count = 0;
        while (scanner.nextLine()) {
            int fields = scanner.fieldCount();
            if (fields == 0) {
                continue;
            }
            try {
                // optional fields (shared:N, master:N, ...) sit between field 6 and the "-" separator
                int sep = -1;
                for (int f = 6; f < fields; f++) {
                    if (scanner.fieldEquals(f, "-")) {
                        sep = f;
                        break;
                    }
                }
                if (sep < 0 || sep + 2 >= fields) {
                    throw scanner.lineError("expected \"id parent major:minor root mountpoint options [optional...]"
                            + " - fstype source superoptions\"");
                }
                int i = into.count;
                into.ensure(i + 1);
                int s = scanner.start(2);
                int e = scanner.end(2);
                byte[] b = scanner.buffer();
                int colon = s;
                while (colon < e && b[colon] != ':') {
                    colon++;
                }
                if (colon == e || TextScanner.parseUnsigned(b, s, colon) < 0
                        || TextScanner.parseUnsigned(b, colon + 1, e) < 0) {
                    throw scanner.error(2, "major:minor", "expected N:M");
                }
                into.major[i] = strings.get(b, s, colon);
                into.minor[i] = strings.get(b, colon + 1, e);
                into.mountPoint[i] = unescaped(4);
                into.fsType[i] = scanner.string(sep + 1, strings);
                into.device[i] = unescaped(sep + 2);
                into.readOnly[i] = hasOption(5, "ro") || sep + 3 < fields
                        && (hasOption(sep + 3, "ro") || hasOption(sep + 3, "emergency_ro"));
                into.count = i + 1;
            } catch (ProcParseException ex) {
                errors.report(ex);
            }
        }
    }

    public void parseMounts(String source, byte[] data, int length, Mounts into, ParseErrors errors) {
        scanner.reset(source, data, length);
        into.count = 0;
        while (scanner.nextLine()) {
            int fields = scanner.fieldCount();
            if (fields == 0) {
                continue;
            }
            if (fields < 4) {
                errors.report(scanner.lineError("expected \"device mountpoint fstype options ...\""));
                continue;
            }
            int i = into.count;
            into.ensure(i + 1);
            into.device[i] = unescaped(0);
            into.mountPoint[i] = unescaped(1);
            into.fsType[i] = scanner.string(2, strings);
            into.major[i] = "0";
            into.minor[i] = "0";
            into.readOnly[i] = hasOption(3, "ro");
            into.count = i + 1;
        }
    }

    /** True when the comma-separated option list in the field has the option (with or without =value). */
    private boolean hasOption(int field, String option) {
        byte[] b = scanner.buffer();
        int s = scanner.start(field);
        int e = scanner.end(field);
        int p = s;
        while (p <= e) {
            int q = p;
            while (q < e && b[q] != ',') {
                q++;
            }
            int keyEnd = p;
            while (keyEnd < q && b[keyEnd] != '=') {
                keyEnd++;
            }
            if (keyEnd - p == option.length()) {
                boolean eq = true;
                for (int k = 0; k < option.length(); k++) {
                    if (b[p + k] != option.charAt(k)) {
                        eq = false;
                        break;
                    }
                }
                if (eq) {
                    return true;
                }
            }
            p = q + 1;
        }
        return false;
    }

    /** The field with the kernel's \ooo octal escapes decoded. */
    private String unescaped(int field) {
        byte[] b = scanner.buffer();
        int s = scanner.start(field);
        int e = scanner.end(field);
        boolean escaped = false;
        for (int p = s; p < e; p++) {
            if (b[p] == '\\') {
                escaped = true;
                break;
            }
        }
        if (!escaped) {
            return strings.get(b, s, e);
        }
        if (scratch.length < e - s) {
            scratch = new byte[Math.max(e - s, scratch.length * 2)];
        }
        int n = 0;
        for (int p = s; p < e; p++) {
            if (b[p] == '\\' && p + 3 < e && isOctal(b, p + 1)) {
                scratch[n++] = (byte) (((b[p + 1] - '0') << 6) | ((b[p + 2] - '0') << 3) | (b[p + 3] - '0'));
                p += 3;
            } else {
                scratch[n++] = b[p];
            }
        }
        return strings.get(scratch, 0, n);
    }

    private static boolean isOctal(byte[] b, int p) {
        for (int k = 0; k < 3; k++) {
            if (b[p + k] < '0' || b[p + k] > '7') {
                return false;
            }
        }
        return true;
    }
}
