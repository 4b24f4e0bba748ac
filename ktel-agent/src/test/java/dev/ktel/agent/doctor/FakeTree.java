package dev.ktel.agent.doctor;

import dev.ktel.core.io.HostPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A crafted host tree under a temp dir: {@code proc/}, {@code sys/} and the rootfs. */
final class FakeTree {
    final Path root;
    final HostPaths paths;

    FakeTree(Path root) {
        this.root = root;
        this.paths = HostPaths.of(root.resolve("proc"), root.resolve("sys"), root);
    }

    FakeTree proc(String rel, String content) {
        return write(root.resolve("proc").resolve(rel), content);
    }

    FakeTree sys(String rel, String content) {
        return write(root.resolve("sys").resolve(rel), content);
    }

    FakeTree dir(String relToRoot) {
        try {
            Files.createDirectories(root.resolve(relToRoot));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    private FakeTree write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }
}
