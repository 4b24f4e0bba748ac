package dev.ktel.collectors.proc.sockstat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The kernel page size of this machine (sockstat's {@code mem} is in pages), read once from the AT_PAGESZ
 * entry of the agent's own /proc/self/auxv; 4096 when that cannot be read.
 */
final class PageSize {
    private static final long AT_PAGESZ = 6;
    static final long BYTES = read();

    private PageSize() {
    }

    private static long read() {
        try {
            ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(Path.of("/proc/self/auxv"))).order(ByteOrder.nativeOrder());
            while (b.remaining() >= 16) {
                long type = b.getLong();
                long value = b.getLong();
                if (type == AT_PAGESZ && value > 0) {
                    return value;
                }
                if (type == 0) {
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through to the common default
        }
        return 4096;
    }
}
