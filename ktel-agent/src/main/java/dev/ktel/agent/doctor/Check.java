package dev.ktel.agent.doctor;

import java.util.Objects;

/**
 * One row of the doctor's capability matrix.
 *
 * @param name   short stable identifier, e.g. {@code btf}
 * @param status outcome
 * @param detail what was found on this host (values read, errno seen)
 * @param impact what ktel can and cannot do because of it
 */
public record Check(String name, Status status, String detail, String impact) {

    public Check {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        detail = detail == null ? "" : detail;
        impact = impact == null ? "" : impact;
    }

    public static Check ok(String name, String detail, String impact) {
        return new Check(name, Status.OK, detail, impact);
    }

    public static Check missing(String name, String detail, String impact) {
        return new Check(name, Status.MISSING, detail, impact);
    }

    public static Check degraded(String name, String detail, String impact) {
        return new Check(name, Status.DEGRADED, detail, impact);
    }

    /** A check that failed unexpectedly: the exception text is the detail, nothing is inferred from it. */
    public static Check error(String name, Throwable t) {
        return new Check(name, Status.ERROR, String.valueOf(t),
                "unknown: the check could not run, so ktel cannot say what this host supports here");
    }
}
