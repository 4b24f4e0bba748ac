package dev.ktel.collectors.kmsg;

import java.io.IOException;

/** A source of raw kmsg records: the real {@code /dev/kmsg} ({@link NativeKmsgDevice}) or a replay in tests. */
public interface KmsgDevice extends AutoCloseable {
    /** {@link #read} result: no record pending (EAGAIN on a non-blocking descriptor). */
    int EMPTY = 0;
    /** {@link #read} result: records were overwritten before we read them (EPIPE); reading goes on after them. */
    int OVERWRITTEN = -2;

    /** Reads one record into {@code buf}: its length, {@link #EMPTY} or {@link #OVERWRITTEN}. */
    int read(byte[] buf) throws IOException;

    @Override
    void close();
}
