package dev.ktel.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A {@code ktel} command as a real child JVM, its output collected on a thread of its own. */
final class KtelProcess implements AutoCloseable {
    final Process process;
    final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private final Thread reader;

    KtelProcess(List<String> jvmArgs, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of("-XX:+UseSerialGC", "-Xmx96m", "--enable-native-access=ALL-UNNAMED"));
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.ktel.cli.Main"));
        cmd.addAll(List.of(args));
        process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        reader = Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    lines.add(line);
                }
            } catch (java.io.IOException e) {
                // pipe closed: the lines so far are what we have
            }
        });
    }

    /** The URL printed after {@code metrics: } once ready, or null after 60 s / process exit. */
    String awaitMetricsUrl() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && process.isAlive()) {
            synchronized (lines) {
                for (String l : lines) {
                    if (l.trim().startsWith("metrics: ")) {
                        return l.trim().substring("metrics: ".length());
                    }
                }
            }
            Thread.sleep(50);
        }
        return null;
    }

    /** SIGTERM; true when the process exited within 30 s. */
    boolean terminate() throws InterruptedException {
        ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroy);
        boolean exited = process.waitFor(30, TimeUnit.SECONDS);
        reader.join(5000);
        return exited;
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
