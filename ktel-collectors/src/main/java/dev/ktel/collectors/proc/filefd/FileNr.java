package dev.ktel.collectors.proc.filefd;

/** /proc/sys/fs/file-nr: allocated file handles, free allocated handles (0 since 2.6), maximum. */
public final class FileNr {
    public long allocated;
    public long unused;
    public long maximum;
}
