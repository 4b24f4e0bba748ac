package dev.ktel.agent.doctor;

import dev.ktel.core.io.HostPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Small file helpers for the doctor (not a hot path: plain reads, strings). */
final class HostFiles {
    private HostFiles() {
    }

    /** Whole file as text; empty when the file does not exist; other I/O errors propagate. */
    static Optional<String> read(Path file) throws IOException {
        try {
            return Optional.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** File content stripped of surrounding white space; empty when the file does not exist. */
    static Optional<String> readTrimmed(Path file) throws IOException {
        return read(file).map(String::strip);
    }

    /** Lines of the file; empty when the file does not exist. */
    static Optional<List<String>> readLines(Path file) throws IOException {
        return read(file).map(s -> s.lines().toList());
    }

    /** First line, or empty on any error (for optional identity fields such as the host name). */
    static Optional<String> readFirstLine(Path file) {
        try {
            return read(file).map(s -> s.lines().findFirst().orElse("").strip());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Maps an absolute path as the host sees it (e.g. a mount point from /proc/mounts) onto {@link HostPaths}:
     * {@code /proc/..} and {@code /sys/..} go under procfs/sysfs, anything else under rootfs.
     */
    static Path resolve(HostPaths paths, String absolute) {
        if (absolute.equals("/proc") || absolute.startsWith("/proc/")) {
            return absolute.length() <= 6 ? paths.procfs() : paths.proc(absolute.substring(6));
        }
        if (absolute.equals("/sys") || absolute.startsWith("/sys/")) {
            return absolute.length() <= 5 ? paths.sysfs() : paths.sys(absolute.substring(5));
        }
        String rel = absolute.startsWith("/") ? absolute.substring(1) : absolute;
        return rel.isEmpty() ? paths.rootfs() : paths.root(rel);
    }

    /** Parses a sysctl-style integer file; empty when missing, throws on garbage (the doctor reports it). */
    static Optional<Long> readLong(Path file) throws IOException {
        Optional<String> s = readTrimmed(file);
        if (s.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(s.get()));
        } catch (NumberFormatException e) {
            throw new IOException(file + ": expected an integer, got \"" + s.get() + "\"");
        }
    }
}
