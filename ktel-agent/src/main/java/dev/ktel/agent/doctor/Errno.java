package dev.ktel.agent.doctor;

/** Names of the errno values the doctor's syscalls can return (asm-generic/errno-base.h, errno.h). */
final class Errno {
    static final int EPERM = 1;
    static final int ENOENT = 2;
    static final int E2BIG = 7;
    static final int EBADF = 9;
    static final int ENOMEM = 12;
    static final int EACCES = 13;
    static final int EFAULT = 14;
    static final int EBUSY = 16;
    static final int ENODEV = 19;
    static final int EINVAL = 22;
    static final int ENOSPC = 28;
    static final int ENOSYS = 38;
    static final int EOPNOTSUPP = 95;

    private Errno() {
    }

    /** {@code EPERM (1)}; {@code errno 123} for values not in this table. */
    static String describe(int errno) {
        String name = switch (errno) {
            case EPERM -> "EPERM";
            case ENOENT -> "ENOENT";
            case E2BIG -> "E2BIG";
            case EBADF -> "EBADF";
            case ENOMEM -> "ENOMEM";
            case EACCES -> "EACCES";
            case EFAULT -> "EFAULT";
            case EBUSY -> "EBUSY";
            case ENODEV -> "ENODEV";
            case EINVAL -> "EINVAL";
            case ENOSPC -> "ENOSPC";
            case ENOSYS -> "ENOSYS";
            case EOPNOTSUPP -> "EOPNOTSUPP";
            default -> null;
        };
        return name == null ? "errno " + errno : name + " (" + errno + ")";
    }
}
