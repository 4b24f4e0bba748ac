package dev.ktel.collectors.proc.meminfo;

import dev.ktel.collectors.Collector;
import dev.ktel.collectors.CollectorContext;
import dev.ktel.collectors.CollectorFactory;
import dev.ktel.collectors.CollectorUnavailableException;
import dev.ktel.collectors.PseudoFile;
import dev.ktel.core.metric.MetricFamily;
import dev.ktel.core.metric.MetricSink;
import dev.ktel.core.text.ParseErrors;
import java.util.HashMap;
import java.util.Map;

/**
 * Every /proc/meminfo field as a gauge, named as node_exporter names them: {@code node_memory_<Key>_bytes}
 * for kB fields (value times 1024), {@code node_memory_<Key>} for counts (HugePages_Total), and
 * {@code Active(anon)} becomes {@code Active_anon}.
 */
public final class MeminfoCollector implements Collector {
    private final PseudoFile file;
    private final ParseErrors errors;
    private final MeminfoParser parser = new MeminfoParser();
    private final Meminfo meminfo = new Meminfo();
    /** Family per kernel key (and unit); keys are cached Strings, so lookups allocate nothing. */
    private final Map<String, MetricFamily> bytesFamilies = new HashMap<>();
    private final Map<String, MetricFamily> plainFamilies = new HashMap<>();

    private MetricFamily[] written = new MetricFamily[64];
    // The keys and units of the last scrape in file order with the family each resolved to (null: a repeat):
    // while the kernel prints the same keys (the same cached String instances), no map lookup is needed.
    private String[] planKeys = new String[0];
    private boolean[] planKb = new boolean[0];
    private MetricFamily[] plan = new MetricFamily[0];
    private int planCount = -1;

    MeminfoCollector(PseudoFile file, ParseErrors errors) {
        this.file = file;
        this.errors = errors;
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        int n = file.read();
        parser.parse(file.name(), file.bytes(), n, meminfo, errors);
        if (meminfo.count == 0) {
            throw new IllegalStateException(file.name() + ": no fields");
        }
        if (!samePlan()) {
            plan();
        }
        for (int i = 0; i < meminfo.count; i++) {
            MetricFamily f = plan[i];
            if (f != null) {
                sink.family(f);
                sink.sample(meminfo.kilobytes[i] ? meminfo.value[i] * 1024.0 : meminfo.value[i]);
            }
        }
    }

    private boolean samePlan() {
        if (meminfo.count != planCount) {
            return false;
        }
        for (int i = 0; i < planCount; i++) {
            if (meminfo.key[i] != planKeys[i] || meminfo.kilobytes[i] != planKb[i]) {
                return false;
            }
        }
        return true;
    }

    private void plan() {
        int n = meminfo.count;
        if (planKeys.length < n) {
            planKeys = new String[meminfo.key.length];
            planKb = new boolean[meminfo.key.length];
            plan = new MetricFamily[meminfo.key.length];
        }
        for (int i = 0; i < n; i++) {
            boolean kb = meminfo.kilobytes[i];
            Map<String, MetricFamily> families = kb ? bytesFamilies : plainFamilies;
            MetricFamily f = families.get(meminfo.key[i]);
            if (f == null) {
                f = family(meminfo.key[i], kb);
                families.put(meminfo.key[i], f);
            }
            planKeys[i] = meminfo.key[i];
            planKb[i] = kb;
            if (writtenBefore(f, i)) {
                written[i] = null;
                plan[i] = null; // a repeated key: written once per scrape
            } else {
                written[i] = f;
                plan[i] = f;
            }
        }
        planCount = n;
    }

    private boolean writtenBefore(MetricFamily f, int upTo) {
        if (written.length < meminfo.key.length) {
            written = new MetricFamily[meminfo.key.length];
        }
        for (int j = 0; j < upTo; j++) {
            if (written[j] == f) {
                return true;
            }
        }
        return false;
    }

    /** node_exporter's name for a key: "(x)" becomes "_x", kB fields get "_bytes". */
    static MetricFamily family(String key, boolean kilobytes) {
        StringBuilder b = new StringBuilder(key.length() + 6);
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '(') {
                b.append('_');
            } else if (c == ')') {
                continue;
            } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_') {
                b.append(c);
            } else {
                b.append('_');
            }
        }
        if (kilobytes) {
            b.append("_bytes");
        }
        String field = b.toString();
        return MetricFamily.gauge("node_memory_" + field, "Memory information field " + field + ".");
    }

    @Override
    public void close() {
        file.close();
    }

    /** Registered in META-INF/services. */
    public static final class Factory implements CollectorFactory {
        @Override
        public String name() {
            return "meminfo";
        }

        @Override
        public String description() {
            return "Memory statistics from /proc/meminfo.";
        }

        @Override
        public Collector create(CollectorContext ctx) throws CollectorUnavailableException {
            return new MeminfoCollector(new PseudoFile(ctx.requireFile(ctx.paths().proc("meminfo"), null)),
                    ctx.errors());
        }
    }
}
