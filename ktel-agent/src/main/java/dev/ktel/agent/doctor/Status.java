package dev.ktel.agent.doctor;

/** Outcome of one doctor check. */
public enum Status {
    /** The capability is present and usable by this process. */
    OK,
    /** The kernel or host lacks it (not built in, not mounted, not installed). */
    MISSING,
    /** Present but restricted or partial (privileges, sysctls, some files absent). */
    DEGRADED,
    /** The check itself failed unexpectedly; the detail carries the exception text. */
    ERROR;

    /** Lower-case name as printed in the text table and JSON ({@code ok}, {@code missing}, ...). */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
