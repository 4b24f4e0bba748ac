package dev.ktel.collectors.proc.vmstat;

import dev.ktel.collectors.Collector;
import dev.ktel.collectors.CollectorContext;
import dev.ktel.collectors.CollectorFactory;
import dev.ktel.collectors.CollectorOption;
import dev.ktel.collectors.CollectorUnavailableException;
import dev.ktel.collectors.PseudoFile;
import dev.ktel.core.metric.MetricFamily;
import dev.ktel.core.metric.MetricSink;
import dev.ktel.core.text.ParseErrors;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * /proc/vmstat fields matching the {@code fields} regex as untyped {@code node_vmstat_<key>}, as
 * node_exporter's vmstat collector. The default keeps paging, swapping, page faults and {@code oom_kill}
 * (the count of OOM kills, since 4.13).
 */
public final class VmstatCollector implements Collector {
    /** node_exporter's --collector.vmstat.fields default. */
    static final String DEFAULT_FIELDS = "^(oom_kill|pgpg|pswp|pg.*fault).*";
    /** Marks keys the regex rejected, so the regex runs once per key, not once per scrape. */
    private static final MetricFamily EXCLUDED = MetricFamily.untyped("excluded", "not exported");

    private final PseudoFile file;
    private final ParseErrors errors;
    private final Pattern fields;
    private final VmstatParser parser = new VmstatParser();
    private final Vmstat vmstat = new Vmstat();
    private final Map<String, MetricFamily> families = new HashMap<>();
    // The keys of the last scrape in file order with what each resolved to (null: excluded or a repeat):
    // while the kernel prints the same keys (the same cached String instances), no map lookup is needed.
    private String[] planKeys = new String[0];
    private MetricFamily[] plan = new MetricFamily[0];
    private int planCount = -1;

    VmstatCollector(PseudoFile file, ParseErrors errors, Pattern fields) {
        this.file = file;
        this.errors = errors;
        this.fields = fields;
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        int n = file.read();
        parser.parse(file.name(), file.bytes(), n, vmstat, errors);
        if (vmstat.count == 0) {
            throw new IllegalStateException(file.name() + ": no fields");
        }
        if (!samePlan()) {
            plan();
        }
        for (int i = 0; i < vmstat.count; i++) {
            MetricFamily f = plan[i];
            if (f != null) {
                sink.family(f);
                sink.sample(vmstat.value[i]);
            }
        }
    }

    private boolean samePlan() {
        if (vmstat.count != planCount) {
            return false;
        }
        String[] keys = vmstat.key;
        for (int i = 0; i < planCount; i++) {
            if (keys[i] != planKeys[i]) {
                return false;
            }
        }
        return true;
    }

    private void plan() {
        int n = vmstat.count;
        if (planKeys.length < n) {
            planKeys = new String[vmstat.key.length];
            plan = new MetricFamily[vmstat.key.length];
        }
        for (int i = 0; i < n; i++) {
            String key = vmstat.key[i];
            MetricFamily f = families.get(key);
            if (f == null) {
                f = family(key);
                families.put(key, f);
            }
            planKeys[i] = key;
            plan[i] = f == EXCLUDED || isRepeat(key, i) ? null : f;
        }
        planCount = n;
    }

    /** A key seen earlier in the same file (keys are cached Strings: identity compare). */
    private boolean isRepeat(String key, int upTo) {
        for (int j = 0; j < upTo; j++) {
            if (vmstat.key[j] == key) {
                return true;
            }
        }
        return false;
    }

    private MetricFamily family(String key) {
        // Go's MatchString: a match anywhere, the default regex anchors itself with ^.
        if (fields != null && !fields.matcher(key).find()) {
            return EXCLUDED;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) {
                return EXCLUDED;
            }
        }
        return MetricFamily.untyped("node_vmstat_" + key, "/proc/vmstat information field " + key + ".");
    }

    @Override
    public void close() {
        file.close();
    }

    /** Registered in META-INF/services. */
    public static final class Factory implements CollectorFactory {
        @Override
        public String name() {
            return "vmstat";
        }

        @Override
        public String description() {
            return "Virtual memory counters (paging, swapping, faults, OOM kills) from /proc/vmstat.";
        }

        @Override
        public List<CollectorOption> options() {
            return List.of(new CollectorOption("fields", DEFAULT_FIELDS,
                    "Regex of /proc/vmstat fields to export (empty: all)."));
        }

        @Override
        public Collector create(CollectorContext ctx) throws CollectorUnavailableException {
            Pattern fields = ctx.regexOption("fields", DEFAULT_FIELDS);
            return new VmstatCollector(
                    PseudoFile.completeBelow(ctx.requireFile(ctx.paths().proc("vmstat"), null), 8192, 256),
                    ctx.errors(), fields);
        }
    }
}
