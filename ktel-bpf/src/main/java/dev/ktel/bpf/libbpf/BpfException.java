package dev.ktel.bpf.libbpf;

/** A libbpf call failed: which call, on what, the errno and its text, and (for loads) the log excerpt. */
public final class BpfException extends Exception {
    private final int errno;
    private final String log;

    public BpfException(String what, int errno, String log) {
        super(what + (errno != 0 ? ": " + Libbpf.strerror(errno) + " (errno " + errno + ")" : "")
                + (log == null || log.isEmpty() ? "" : "\n" + log));
        this.errno = errno;
        this.log = log == null ? "" : log;
    }

    public int errno() {
        return errno;
    }

    /** libbpf's log lines captured during the failed call (verifier log excerpt), or empty. */
    public String log() {
        return log;
    }
}
