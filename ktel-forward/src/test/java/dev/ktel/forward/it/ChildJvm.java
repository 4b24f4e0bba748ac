package dev.ktel.forward.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A test main in a child JVM with this JVM's class path; its output goes to a file the test reads. */
final class ChildJvm implements AutoCloseable {
    final Process process;
    final Path out;

    private ChildJvm(Process process, Path out) {
        this.process = process;
        this.out = out;
    }

    static ChildJvm start(Class<?> main, Path out, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                main.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        return new ChildJvm(p, out);
    }

    /** Waits until a line starting with {@code prefix} appears in the output; returns it. */
    String awaitLine(String prefix, long timeoutMillis) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            for (String l : lines()) {
                if (l.startsWith(prefix)) {
                    return l;
                }
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("child exited " + process.exitValue() + ": " + Files.readString(out));
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("no \"" + prefix + "\" line in " + timeoutMillis + " ms: " + Files.readString(out));
    }

    List<String> lines() throws IOException {
        return Files.readAllLines(out);
    }

    /** kill -9. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }
}
