package dev.ktel.collectors.host.filesystem;

/** statvfs(3) of one path. Implementations must be callable from any thread. */
interface StatVfs {
    /** Indexes into the result array. */
    int BLOCK_SIZE = 0;
    int BLOCKS = 1;
    int BLOCKS_FREE = 2;
    int BLOCKS_AVAIL = 3;
    int FILES = 4;
    int FILES_FREE = 5;
    int RESULT_LENGTH = 6;

    /**
     * Fills {@code out} (length {@link #RESULT_LENGTH}) and returns null, or returns the error text
     * (e.g. "permission denied") when the call failed.
     */
    String stat(String path, long[] out);
}
