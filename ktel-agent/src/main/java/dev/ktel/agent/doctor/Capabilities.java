package dev.ktel.agent.doctor;

import java.util.ArrayList;
import java.util.List;

/**
 * Linux capability bit numbers and names (include/uapi/linux/capability.h), and decoding of the hex masks in
 * {@code /proc/<pid>/status} ({@code CapEff:} etc.). See capabilities(7).
 */
final class Capabilities {
    static final int CAP_DAC_READ_SEARCH = 2;
    static final int CAP_NET_ADMIN = 12;
    static final int CAP_SYS_PTRACE = 19;
    static final int CAP_SYS_ADMIN = 21;
    static final int CAP_SYS_RESOURCE = 24;
    static final int CAP_SYSLOG = 34;
    static final int CAP_PERFMON = 38;
    static final int CAP_BPF = 39;

    private static final String[] NAMES = {
        "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL",
        "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE",
        "CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_SYS_MODULE",
        "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE", "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT",
        "CAP_SYS_NICE", "CAP_SYS_RESOURCE", "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE",
        "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP", "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG",
        "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF",
        "CAP_CHECKPOINT_RESTORE",
    };

    /** Number of capabilities this table names (CAP_LAST_CAP + 1 as of Linux 5.9). */
    static final int KNOWN = NAMES.length;

    private Capabilities() {
    }

    /** {@code CAP_BPF} for 39; {@code cap_41} for bits newer than this table. */
    static String name(int bit) {
        return bit >= 0 && bit < NAMES.length ? NAMES[bit] : "cap_" + bit;
    }

    /** Parses a mask as printed in /proc status files (16 hex digits, no prefix). */
    static long parseMask(String hex) {
        String s = hex.strip();
        if (s.startsWith("0x") || s.startsWith("0X")) {
            s = s.substring(2);
        }
        if (s.isEmpty() || s.length() > 16) {
            throw new IllegalArgumentException("capability mask: expected up to 16 hex digits, got \"" + hex + "\"");
        }
        return Long.parseUnsignedLong(s, 16);
    }

    static boolean has(long mask, int bit) {
        return (mask & (1L << bit)) != 0;
    }

    /** Names of the set bits, lowest first. */
    static List<String> decode(long mask) {
        List<String> names = new ArrayList<>();
        for (int bit = 0; bit < 64; bit++) {
            if (has(mask, bit)) {
                names.add(name(bit));
            }
        }
        return names;
    }

    /** Names of the known capabilities whose bit is clear. */
    static List<String> absent(long mask) {
        List<String> names = new ArrayList<>();
        for (int bit = 0; bit < KNOWN; bit++) {
            if (!has(mask, bit)) {
                names.add(name(bit));
            }
        }
        return names;
    }
}
