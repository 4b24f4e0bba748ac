package dev.ktel.collectors.host.textfile;

import dev.ktel.collectors.Collector;
import dev.ktel.collectors.CollectorContext;
import dev.ktel.collectors.CollectorFactory;
import dev.ktel.collectors.CollectorOption;
import dev.ktel.collectors.CollectorUnavailableException;
import dev.ktel.core.metric.MetricFamily;
import dev.ktel.core.metric.MetricSink;
import dev.ktel.core.text.ParseErrors;
import dev.ktel.core.text.ProcParseException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Metrics written by other programs into {@code *.prom} files (Prometheus text format) in one directory, as
 * node_exporter's textfile collector, plus node_textfile_mtime_seconds{file} for each file read and
 * node_textfile_scrape_error. A file that fails to parse is skipped as a whole (and reported naming
 * file:line); the other files still count. Files are re-parsed only when their mtime or size changes.
 */
public final class TextfileCollector implements Collector {
    static final MetricFamily MTIME = MetricFamily.gauge("node_textfile_mtime_seconds",
            "Unixtime mtime of textfiles successfully read.", "file");
    static final MetricFamily SCRAPE_ERROR = MetricFamily.gauge("node_textfile_scrape_error",
            "1 if there was an error opening or reading a file, 0 otherwise");
    private static final Set<String> RESERVED = Set.of(MTIME.name(), SCRAPE_ERROR.name());

    private static final class FileState {
        final String path;
        long mtimeNanos;
        long size;
        double mtimeSeconds;
        List<TextFamily> families;
        ProcParseException error;
        boolean ioError;

        FileState(String path) {
            this.path = path;
        }
    }

    private final Path dir;
    private final ParseErrors errors;
    private final TextFormatParser parser = new TextFormatParser();
    private final Map<String, FileState> states = new HashMap<>();
    private final List<String> names = new ArrayList<>();
    private final List<String> previous = new ArrayList<>();
    private final List<TextfileMerge.ParsedFile> parsed = new ArrayList<>();
    private TextfileMerge.Output output;

    TextfileCollector(Path dir, ParseErrors errors) {
        this.dir = dir;
        this.errors = errors;
    }

    @Override
    public void collect(MetricSink sink) {
        boolean errored = false;
        names.clear();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.prom")) {
            for (Path p : ds) {
                names.add(p.getFileName().toString());
            }
        } catch (IOException e) {
            errored = true; // directory missing or unreadable: node_exporter reports it the same way
        }
        Collections.sort(names);
        boolean changed = !names.equals(previous);
        for (String name : names) {
            changed |= refresh(name);
        }
        if (changed || output == null) {
            states.keySet().retainAll(names);
            parsed.clear();
            for (String name : names) {
                FileState st = states.get(name);
                if (!st.ioError) {
                    parsed.add(new TextfileMerge.ParsedFile(st.path, st.families, st.error));
                }
            }
            output = TextfileMerge.merge(parsed, RESERVED, errors);
            previous.clear();
            previous.addAll(names);
        }
        output.emit(sink);
        boolean anyOk = false;
        for (String name : names) {
            FileState st = states.get(name);
            if (st.ioError || st.error != null) {
                errored = true;
                continue;
            }
            if (!anyOk) {
                sink.family(MTIME);
                anyOk = true;
            }
            sink.sample(st.path, st.mtimeSeconds);
        }
        sink.family(SCRAPE_ERROR);
        sink.sample(errored || output.errored ? 1 : 0);
    }

    /** Re-reads one file when its mtime or size changed; true if its content may have changed. */
    private boolean refresh(String name) {
        FileState st = states.get(name);
        Path p = dir.resolve(name);
        if (st == null) {
            st = new FileState(p.toString());
            states.put(name, st);
        }
        try {
            BasicFileAttributes attrs = Files.readAttributes(p, BasicFileAttributes.class);
            long mtime = attrs.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS);
            if (!st.ioError && (st.families != null || st.error != null) && mtime == st.mtimeNanos
                    && attrs.size() == st.size) {
                return false;
            }
            byte[] data = Files.readAllBytes(p);
            st.mtimeNanos = mtime;
            st.size = attrs.size();
            st.mtimeSeconds = Math.floorDiv(mtime, 1_000_000_000L);
            st.ioError = false;
            try {
                st.families = parser.parse(st.path, data, data.length);
                st.error = null;
            } catch (ProcParseException e) {
                st.families = null;
                st.error = e;
                errors.report(e);
            }
        } catch (IOException e) {
            boolean was = st.ioError;
            st.ioError = true;
            st.families = null;
            st.error = null;
            return !was;
        }
        return true;
    }

    /** Registered in META-INF/services. */
    public static final class Factory implements CollectorFactory {
        @Override
        public String name() {
            return "textfile";
        }

        @Override
        public String description() {
            return "Metrics from *.prom files (Prometheus text format) written by other programs.";
        }

        @Override
        public List<CollectorOption> options() {
            return List.of(new CollectorOption("directory", "",
                    "Directory to read *.prom text files with metrics from (empty: collector off)."));
        }

        @Override
        public Collector create(CollectorContext ctx) throws CollectorUnavailableException {
            String d = ctx.option("directory", "");
            if (d.isEmpty()) {
                throw new CollectorUnavailableException("no directory configured (set collector.textfile.directory)");
            }
            return new TextfileCollector(Path.of(d), ctx.errors());
        }
    }
}
