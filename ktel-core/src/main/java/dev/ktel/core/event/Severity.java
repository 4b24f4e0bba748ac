package dev.ktel.core.event;

/** Event severity, the syslog levels (RFC 5424) that kernel log records carry. */
public enum Severity {
    EMERG, ALERT, CRIT, ERR, WARNING, NOTICE, INFO, DEBUG;

    /** From a syslog priority's level (0 = emerg ... 7 = debug). */
    public static Severity fromLevel(int level) {
        return values()[Math.max(0, Math.min(7, level))];
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Parses "err", "warning", ... case-insensitively; also accepts "error" and "warn". */
    public static Severity parse(String s) {
        String v = s.trim().toLowerCase(java.util.Locale.ROOT);
        return switch (v) {
            case "error" -> ERR;
            case "warn" -> WARNING;
            case "critical" -> CRIT;
            case "emergency" -> EMERG;
            default -> {
                for (Severity sev : values()) {
                    if (sev.label().equals(v)) {
                        yield sev;
                    }
                }
                throw new IllegalArgumentException("unknown severity \"" + s + "\"; expected one of emerg, alert, "
                        + "crit, err, warning, notice, info, debug");
            }
        };
    }
}
