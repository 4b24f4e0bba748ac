package dev.ktel.collectors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktel.collectors.testing.Collect;
import dev.ktel.collectors.testing.SharedFixtures;
import dev.ktel.core.io.HostPaths;
import dev.ktel.core.metric.SampleRecorder;
import dev.ktel.core.text.ProcParseException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input never crashes a collector: on the procfs corpus (many kernel generations, some files broken on
 * purpose) and on copies of this machine's capture with one file truncated or corrupted at a time, every
 * collector either collects or fails in a controlled way: a {@link ProcParseException} naming file, line and
 * field (reported and skipped, or thrown), or an I/O error. Anything else (index out of bounds, a bare
 * NumberFormatException) is a bug.
 */
class BadInputRobustnessTest {
    private static final CollectorRegistry REGISTRY = CollectorRegistry.discover();

    /** Runs one collector; returns null on success or a controlled failure, else the unexpected throwable. */
    private static Throwable runOne(CollectorFactory f, HostPaths paths, List<ProcParseException> reported) {
        Collector c;
        try {
            c = f.create(new CollectorContext(f.name(), paths, Map.of(), reported::add));
        } catch (CollectorUnavailableException e) {
            return null;
        } catch (RuntimeException e) {
            return e;
        }
        try (c) {
            c.collect(new SampleRecorder());
            return null;
        } catch (ProcParseException | IOException e) {
            return null;
        } catch (RuntimeException e) {
            // a collector may give up on a file it cannot use at all, saying which file
            return namesItsInput(e, paths) ? null : e;
        } catch (Throwable t) {
            return t;
        }
    }

    private static boolean namesItsInput(RuntimeException e, HostPaths paths) {
        boolean programmingError = e instanceof IndexOutOfBoundsException || e instanceof NullPointerException
                || e instanceof ArithmeticException || e instanceof NumberFormatException
                || e instanceof ClassCastException || e instanceof IllegalArgumentException;
        String m = e.getMessage();
        return !programmingError && m != null
                && (m.contains(paths.procfs().toString()) || m.contains(paths.sysfs().toString()));
    }

    @TestFactory
    Stream<DynamicTest> everyCollectorSurvivesTheProcfsCorpus() {
        HostPaths corpus = SharedFixtures.procfs();
        return REGISTRY.factories().stream().map(f -> DynamicTest.dynamicTest(f.name(), () -> {
            List<ProcParseException> reported = new ArrayList<>();
            Throwable t = runOne(f, corpus, reported);
            assertThat(t).as("%s on the procfs corpus", f.name()).isNull();
            assertThat(reported).allSatisfy(e -> assertThat(e.getMessage()).matches("^/.+:\\d+: .+"));
        }));
    }

    @Test
    void corruptedAndTruncatedFilesNeverCrash(@TempDir Path tmp) throws Exception {
        Path capture = Path.of("src/test/resources/fixtures/debian12-linux6.18").toAbsolutePath();
        List<Path> files;
        try (Stream<Path> s = Files.walk(capture.resolve("proc"))) {
            files = s.filter(Files::isRegularFile).toList();
        }
        SplittableRandom rnd = new SplittableRandom(7);
        List<String> crashes = new ArrayList<>();
        int runs = 0;
        Path root = tmp.resolve("tree");
        copyTree(capture, root);
        HostPaths paths = new HostPaths(root.resolve("proc"), root.resolve("sys"), root, root.resolve("run/udev/data"));
        for (Path file : files) {
            byte[] original = Files.readAllBytes(file);
            Path target = root.resolve(capture.relativize(file).toString());
            for (int variant = 0; variant < 4; variant++) {
                Files.write(target, mutate(original, variant, rnd));
                for (CollectorFactory f : REGISTRY.factories()) {
                    Throwable t = runOne(f, paths, new ArrayList<>());
                    if (t != null) {
                        crashes.add(f.name() + " on " + capture.relativize(file) + " variant " + variant + ": " + t);
                    }
                }
                runs++;
            }
            Files.write(target, original);
        }
        assertThat(runs).isGreaterThan(20);
        assertThat(crashes).isEmpty();
    }

    /** 0: truncated mid-file, 1: digits replaced by letters, 2: empty, 3: random bytes spliced in. */
    private static byte[] mutate(byte[] in, int variant, SplittableRandom rnd) {
        if (in.length == 0) {
            return "garbage\n".getBytes();
        }
        byte[] out = in.clone();
        switch (variant) {
            case 0 -> out = java.util.Arrays.copyOf(in, rnd.nextInt(in.length));
            case 1 -> {
                for (int i = 0; i < out.length; i++) {
                    if (out[i] >= '0' && out[i] <= '9' && rnd.nextInt(4) == 0) {
                        out[i] = (byte) ('a' + rnd.nextInt(26));
                    }
                }
            }
            case 2 -> out = new byte[0];
            default -> {
                for (int i = 0; i < Math.max(1, out.length / 50); i++) {
                    out[rnd.nextInt(out.length)] = (byte) rnd.nextInt(256);
                }
            }
        }
        return out;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
    }
}
