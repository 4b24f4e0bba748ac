package dev.ktel.collectors.testing;

import dev.ktel.collectors.Collector;
import dev.ktel.collectors.CollectorContext;
import dev.ktel.collectors.CollectorFactory;
import dev.ktel.core.io.HostPaths;
import dev.ktel.core.metric.SampleRecorder;
import dev.ktel.core.text.ParseErrors;
import java.nio.file.Path;
import java.util.Map;

/** Runs one collector once and returns what it wrote. */
public final class Collect {
    private Collect() {
    }

    public static SampleRecorder once(CollectorFactory factory, HostPaths paths) throws Exception {
        return once(factory, paths, Map.of(), ParseErrors.THROW);
    }

    public static SampleRecorder once(CollectorFactory factory, HostPaths paths, Map<String, String> options,
            ParseErrors errors) throws Exception {
        SampleRecorder rec = new SampleRecorder();
        try (Collector c = factory.create(new CollectorContext(factory.name(), paths, options, errors))) {
            c.collect(rec);
        }
        return rec;
    }

    /** Paths of a fixture captured from a real machine, under src/test/resources/fixtures/NAME. */
    public static HostPaths captured(String name) {
        Path root = Path.of("src/test/resources/fixtures", name).toAbsolutePath();
        return new HostPaths(root.resolve("proc"), root.resolve("sys"), root, root.resolve("run/udev/data"));
    }
}
