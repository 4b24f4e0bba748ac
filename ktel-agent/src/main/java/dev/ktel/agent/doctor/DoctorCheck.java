package dev.ktel.agent.doctor;

import dev.ktel.core.io.HostPaths;

/**
 * One probe of a host capability. Implementations read files under {@link HostPaths} (so they can run against a
 * captured tree) and may issue syscalls against the running kernel. They may throw: {@link Doctor} turns any
 * exception into a row with status {@link Status#ERROR}.
 */
public interface DoctorCheck {

    /** Stable name used as the row's {@link Check#name()}. */
    String name();

    Check run(HostPaths paths) throws Exception;
}
