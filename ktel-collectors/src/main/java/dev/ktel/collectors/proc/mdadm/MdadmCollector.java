package dev.ktel.collectors.proc.mdadm;

import dev.ktel.collectors.Collector;
import dev.ktel.collectors.CollectorContext;
import dev.ktel.collectors.CollectorFactory;
import dev.ktel.collectors.CollectorUnavailableException;
import dev.ktel.core.io.ProcFile;
import dev.ktel.core.metric.MetricFamily;
import dev.ktel.core.metric.MetricSink;
import dev.ktel.core.text.ParseErrors;
import dev.ktel.core.text.ProcParseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * node_md_* from /proc/mdstat, plus node_md_raid_disks and node_md_degraded from
 * /sys/block/md*&#47;md/{level,raid_disks,degraded}, as node_exporter's mdadm collector.
 */
public final class MdadmCollector implements Collector {
    static final MetricFamily DISKS_REQUIRED = MetricFamily.gauge("node_md_disks_required",
            "Total number of disks of device.", "device");
    static final MetricFamily DISKS = MetricFamily.gauge("node_md_disks",
            "Number of active/failed/spare disks of device.", "device", "state");
    static final MetricFamily STATE = MetricFamily.gauge("node_md_state", "Indicates the state of md-device.",
            "device", "state");
    static final MetricFamily BLOCKS = MetricFamily.gauge("node_md_blocks", "Total number of blocks on device.",
            "device");
    static final MetricFamily BLOCKS_SYNCED = MetricFamily.gauge("node_md_blocks_synced",
            "Number of blocks synced on device.", "device");
    static final MetricFamily RAID_DISKS = MetricFamily.gauge("node_md_raid_disks", "Number of raid disks on device.",
            "device");
    static final MetricFamily DEGRADED = MetricFamily.gauge("node_md_degraded", "Number of degraded disks on device.",
            "device");
    private static final String[] STATE_NAMES = {"active", "inactive", "recovering", "resync", "check"};

    /** One array's sysfs attributes, kept open. */
    private static final class SysMd {
        final String device;
        final ProcFile level;
        final ProcFile raidDisks;
        final ProcFile degraded;
        long disks = -1;
        long degradedDisks;

        SysMd(String device, Path md) {
            this.device = device;
            this.level = new ProcFile(md.resolve("level"), 64);
            this.raidDisks = new ProcFile(md.resolve("raid_disks"), 64);
            this.degraded = new ProcFile(md.resolve("degraded"), 64);
        }

        void close() {
            level.close();
            raidDisks.close();
            degraded.close();
        }
    }

    private final ProcFile file;
    private final Path sysBlock;
    private final ParseErrors errors;
    private final MdStatParser parser = new MdStatParser();
    private final MdStat md = new MdStat();
    private final Map<String, SysMd> sysMds = new HashMap<>();
    private final List<SysMd> current = new ArrayList<>();

    MdadmCollector(ProcFile file, Path sysBlock, ParseErrors errors) {
        this.file = file;
        this.sysBlock = sysBlock;
        this.errors = errors;
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        int n = file.read();
        parser.parse(file.name(), file.bytes(), n, md, errors);
        readSysfs();
        if (md.count > 0) {
            sink.family(DISKS_REQUIRED);
            for (int i = 0; i < md.count; i++) {
                sink.sample(md.name[i], md.disksTotal[i]);
            }
            sink.family(DISKS);
            for (int i = 0; i < md.count; i++) {
                sink.sample(md.name[i], "active", md.disksActive[i]);
                sink.sample(md.name[i], "failed", md.disksFailed[i]);
                sink.sample(md.name[i], "spare", md.disksSpare[i]);
            }
            sink.family(STATE);
            for (int i = 0; i < md.count; i++) {
                for (int s = 0; s < STATE_NAMES.length; s++) {
                    sink.sample(md.name[i], STATE_NAMES[s], md.state[i] == s ? 1 : 0);
                }
            }
            sink.family(BLOCKS);
            for (int i = 0; i < md.count; i++) {
                sink.sample(md.name[i], md.blocks[i]);
            }
            sink.family(BLOCKS_SYNCED);
            for (int i = 0; i < md.count; i++) {
                sink.sample(md.name[i], md.blocksSynced[i]);
            }
        }
        boolean announced = false;
        for (SysMd s : current) {
            if (s.disks >= 0) {
                if (!announced) {
                    sink.family(RAID_DISKS);
                    announced = true;
                }
                sink.sample(s.device, s.disks);
            }
        }
        if (!current.isEmpty()) {
            sink.family(DEGRADED);
            for (SysMd s : current) {
                sink.sample(s.device, s.degradedDisks);
            }
        }
    }

    /** Re-lists /sys/block/md*&#47;md and reads level, raid_disks and degraded (as procfs's Mdraids). */
    private void readSysfs() {
        current.clear();
        if (!Files.isDirectory(sysBlock)) {
            return;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(sysBlock, "md*")) {
            for (Path dir : dirs) {
                Path mdDir = dir.resolve("md");
                if (!Files.isDirectory(mdDir)) {
                    continue;
                }
                String name = dir.getFileName().toString();
                SysMd s = sysMds.computeIfAbsent(name, k -> new SysMd(k, mdDir));
                if (read(s)) {
                    current.add(s);
                }
            }
        } catch (IOException e) {
            errors.report(new ProcParseException(sysBlock.toString(), 0, "directory", "cannot list: " + e, null));
        }
        current.sort((a, b) -> a.device.compareTo(b.device));
        if (sysMds.size() > current.size()) {
            sysMds.values().removeIf(s -> {
                boolean gone = !current.contains(s);
                if (gone) {
                    s.close();
                }
                return gone;
            });
        }
    }

    private boolean read(SysMd s) {
        try {
            String level = text(s.level);
            s.disks = -1;
            if (!level.isEmpty() && !level.equals("container") && !level.equals("imsm") && !level.equals("ddf")) {
                String raid = text(s.raidDisks);
                int sp = raid.indexOf(' '); // reshaping arrays show "4 (3)"
                String first = sp > 0 ? raid.substring(0, sp) : raid;
                if (!first.isEmpty()) {
                    try {
                        s.disks = Long.parseLong(first);
                    } catch (NumberFormatException e) {
                        errors.report(new ProcParseException(s.raidDisks.name(), 1, "raid_disks",
                                "expected integer", raid));
                    }
                }
            }
            s.degradedDisks = switch (level) {
                case "raid1", "raid4", "raid5", "raid6", "raid10" -> s.degraded.readLong();
                default -> 0;
            };
            return true;
        } catch (IOException | ProcParseException e) {
            errors.report(e instanceof ProcParseException p ? p
                    : new ProcParseException(s.level.name(), 0, "md", "cannot read: " + e, null));
            return false;
        }
    }

    private static String text(ProcFile f) throws IOException {
        int n = f.read();
        return new String(f.bytes(), 0, n, StandardCharsets.US_ASCII).strip();
    }

    @Override
    public void close() {
        file.close();
        sysMds.values().forEach(SysMd::close);
        sysMds.clear();
    }

    /** Registered in META-INF/services. */
    public static final class Factory implements CollectorFactory {
        @Override
        public String name() {
            return "mdadm";
        }

        @Override
        public String description() {
            return "Software RAID (md) array state from /proc/mdstat and /sys/block/md*/md.";
        }

        @Override
        public Collector create(CollectorContext ctx) throws CollectorUnavailableException {
            Path p = ctx.requireFile(ctx.paths().proc("mdstat"), "kernel without md (software RAID) support loaded");
            return new MdadmCollector(new ProcFile(p), ctx.paths().sys("block"), ctx.errors());
        }
    }
}
