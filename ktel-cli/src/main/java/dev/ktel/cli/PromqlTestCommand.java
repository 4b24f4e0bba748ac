package dev.ktel.cli;

import dev.ktel.promql.promqltest.PromqlTestRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Runs promqltest scripts (Prometheus' PromQL conformance format) against the ktel PromQL engine. */
@Command(name = "promqltest", description = "Run PromQL test scripts (promqltest format) against the engine.")
final class PromqlTestCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Script files (.test) or directories of them.")
    List<Path> files;

    @Option(names = "--quiet", description = "Print only the per-file and total lines, not each failure.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        List<Path> scripts = new ArrayList<>();
        for (Path p : files) {
            if (Files.isDirectory(p)) {
                try (var s = Files.list(p)) {
                    s.filter(f -> f.toString().endsWith(".test")).sorted().forEach(scripts::add);
                }
            } else if (Files.isRegularFile(p)) {
                scripts.add(p);
            } else {
                System.err.println("ktel promqltest: no such file: " + p);
                return 2;
            }
        }
        PromqlTestRunner.Summary s = PromqlTestRunner.runAll(scripts, System.out, !quiet);
        return s.failed > 0 ? 1 : 0;
    }
}
