package dev.ktel.agent.compat;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code promtool check metrics} (Debian package prometheus); skips when it is missing. */
public final class Promtool {
    private Promtool() {
    }

    public static Path binary() {
        for (String p : new String[] {"/usr/bin/promtool", "/usr/local/bin/promtool"}) {
            if (Files.isExecutable(Path.of(p))) {
                return Path.of(p);
            }
        }
        assumeTrue(false, "promtool not installed (Debian package 'prometheus'; scripts/test installs it as root)");
        return null;
    }

    /** The lines promtool prints for an exposition: parse errors and lint problems. */
    public static List<String> checkMetrics(String exposition) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(binary().toString(), "check", "metrics").redirectErrorStream(true).start();
        try (var out = p.getOutputStream()) {
            out.write(exposition.getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("promtool did not finish");
        }
        List<String> lines = new ArrayList<>();
        for (String l : output.split("\n")) {
            if (!l.isBlank()) {
                lines.add(l.strip());
            }
        }
        return lines;
    }
}
