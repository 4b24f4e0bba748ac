package dev.ktel.collectors.kmsg;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/** A scripted /dev/kmsg: records as the kernel hands them out, plus EPIPE markers. */
final class FakeKmsgDevice implements KmsgDevice {
    static final String EPIPE = "<EPIPE>";
    private final Deque<String> pending = new ArrayDeque<>();
    boolean closed;

    FakeKmsgDevice add(String... records) {
        synchronized (pending) {
            for (String r : records) {
                pending.add(r);
            }
        }
        return this;
    }

    /** A kernel record at level 6 with the given sequence number and message. */
    FakeKmsgDevice rec(long seq, String msg) {
        return add("6," + seq + "," + (seq * 1000) + ",-;" + msg + "\n");
    }

    @Override
    public int read(byte[] buf) {
        String r;
        synchronized (pending) {
            r = pending.poll();
        }
        if (r == null) {
            return EMPTY;
        }
        if (r.equals(EPIPE)) {
            return OVERWRITTEN;
        }
        byte[] b = r.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(b, 0, buf, 0, b.length);
        return b.length;
    }

    @Override
    public void close() {
        closed = true;
    }
}
