package dev.ktel.collectors.host.time;

import dev.ktel.collectors.Collector;
import dev.ktel.collectors.CollectorContext;
import dev.ktel.collectors.CollectorFactory;
import dev.ktel.collectors.PseudoFile;
import dev.ktel.core.metric.MetricFamily;
import dev.ktel.core.metric.MetricSink;
import dev.ktel.core.text.ParseErrors;
import dev.ktel.core.text.ProcParseException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;

/**
 * System time, time zone offset and the clocksources of
 * {@code /sys/devices/system/clocksource/clocksource[0-9]*}, as node_exporter's time collector.
 */
public final class TimeCollector implements Collector {
    static final MetricFamily TIME = MetricFamily.gauge("node_time_seconds",
            "System time in seconds since epoch (1970).");
    static final MetricFamily ZONE = MetricFamily.gauge("node_time_zone_offset_seconds",
            "System time zone offset in seconds.", "time_zone");
    static final MetricFamily AVAILABLE = MetricFamily.gauge("node_time_clocksource_available_info",
            "Available clocksources read from '/sys/devices/system/clocksource'.", "clocksource", "device");
    static final MetricFamily CURRENT = MetricFamily.gauge("node_time_clocksource_current_info",
            "Current clocksource read from '/sys/devices/system/clocksource'.", "clocksource", "device");

    private final Clock clock;
    private final Path dir;
    private final ParseErrors errors;
    private final ClocksourceParser parser = new ClocksourceParser();
    private final Map<String, PseudoFile[]> files = new HashMap<>();
    private final List<String> names = new ArrayList<>();
    private final List<Clocksource> sources = new ArrayList<>();
    private final List<String> deviceLabels = new ArrayList<>();
    private int sourceCount;
    private int lastOffset = Integer.MIN_VALUE;
    private boolean lastDst;
    private String zoneName;
    // The zone's offset holds from validFrom (inclusive) to validUntil (exclusive), epoch seconds.
    private long validFrom = Long.MAX_VALUE;
    private long validUntil = Long.MIN_VALUE;
    private int offset;
    // The clocksource devices are re-listed at most this often (they come and go only with hotplug).
    static final long RELIST_NANOS = 5_000_000_000L;
    private boolean listed;
    private long listedAt;

    TimeCollector(Clock clock, Path dir, ParseErrors errors) {
        this.clock = clock;
        this.dir = dir;
        this.errors = errors;
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        Instant now = clock.instant();
        sink.family(TIME);
        sink.sample(now.getEpochSecond() + now.getNano() / 1e9);
        long second = now.getEpochSecond();
        if (second < validFrom || second >= validUntil) {
            zoneAt(now);
        }
        sink.family(ZONE);
        sink.sample(zoneName, offset);

        readClocksources();
        if (sourceCount == 0) {
            return;
        }
        sink.family(AVAILABLE);
        for (int i = 0; i < sourceCount; i++) {
            Clocksource cs = sources.get(i);
            for (int j = 0; j < cs.availableCount; j++) {
                sink.sample(cs.available[j], cs.device, 1);
            }
        }
        boolean anyCurrent = false;
        for (int i = 0; i < sourceCount; i++) {
            Clocksource cs = sources.get(i);
            if (cs.current != null) {
                if (!anyCurrent) {
                    sink.family(CURRENT);
                    anyCurrent = true;
                }
                sink.sample(cs.current, cs.device, 1);
            }
        }
    }

    /** The offset and zone abbreviation at {@code now}, and the span they hold for (up to the next transition). */
    private void zoneAt(Instant now) {
        ZoneRules rules = clock.getZone().getRules();
        offset = rules.getOffset(now).getTotalSeconds();
        boolean dst = rules.isDaylightSavings(now);
        if (offset != lastOffset || dst != lastDst || zoneName == null) {
            // Go's Zone() gives the abbreviation (UTC, CET, CEST), not the region id.
            zoneName = TimeZone.getTimeZone(clock.getZone()).getDisplayName(dst, TimeZone.SHORT, Locale.US);
            lastOffset = offset;
            lastDst = dst;
        }
        ZoneOffsetTransition previous = rules.previousTransition(now.plusNanos(1));
        ZoneOffsetTransition next = rules.nextTransition(now);
        validFrom = previous == null ? Long.MIN_VALUE : previous.getInstant().getEpochSecond();
        validUntil = next == null ? Long.MAX_VALUE : next.getInstant().getEpochSecond();
    }

    private void readClocksources() throws IOException {
        sourceCount = 0;
        long t = System.nanoTime();
        if (!listed || t - listedAt >= RELIST_NANOS) {
            listed = true;
            listedAt = t;
            names.clear();
            if (!Files.isDirectory(dir)) {
                return;
            }
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "clocksource[0-9]*")) {
                for (Path p : ds) {
                    names.add(p.getFileName().toString());
                }
            }
            Collections.sort(names); // node_exporter numbers devices in glob (sorted) order
        }
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            PseudoFile[] f = files.get(name);
            if (f == null) {
                f = new PseudoFile[] {new PseudoFile(dir.resolve(name).resolve("available_clocksource"), 256),
                    new PseudoFile(dir.resolve(name).resolve("current_clocksource"), 64)};
                files.put(name, f);
            }
            if (sources.size() == sourceCount) {
                sources.add(new Clocksource());
            }
            Clocksource cs = sources.get(sourceCount);
            while (deviceLabels.size() <= i) {
                deviceLabels.add(Integer.toString(deviceLabels.size()));
            }
            cs.device = deviceLabels.get(i);
            cs.current = null;
            cs.availableCount = 0;
            try {
                int n = f[0].read();
                parser.parseAvailable(f[0].name(), f[0].bytes(), n, cs);
                n = f[1].read();
                parser.parseCurrent(f[1].name(), f[1].bytes(), n, cs);
            } catch (NoSuchFileException e) {
                listed = false; // device went away since the listing: list afresh next time
                continue;
            } catch (ProcParseException e) {
                errors.report(e);
            }
            sourceCount++;
        }
    }

    @Override
    public void close() {
        for (PseudoFile[] f : files.values()) {
            f[0].close();
            f[1].close();
        }
    }

    /** Registered in META-INF/services. */
    public static final class Factory implements CollectorFactory {
        @Override
        public String name() {
            return "time";
        }

        @Override
        public String description() {
            return "System time, time zone offset and clocksources from /sys/devices/system/clocksource.";
        }

        @Override
        public Collector create(CollectorContext ctx) {
            return new TimeCollector(Clock.systemDefaultZone(), ctx.paths().sys("devices/system/clocksource"),
                    ctx.errors());
        }
    }
}
