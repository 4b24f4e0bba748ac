package dev.ktel.collectors.sys.dmi;

import dev.ktel.collectors.Collector;
import dev.ktel.collectors.CollectorContext;
import dev.ktel.collectors.CollectorFactory;
import dev.ktel.collectors.CollectorUnavailableException;
import dev.ktel.collectors.sys.SysfsValue;
import dev.ktel.core.io.ProcFile;
import dev.ktel.core.metric.MetricFamily;
import dev.ktel.core.metric.MetricSink;
import dev.ktel.core.text.StringCache;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * node_dmi_info from {@code /sys/class/dmi/id/*} (firmware, board, chassis and product identity; see
 * <a href="https://docs.kernel.org/ABI/testing/sysfs-class-dmi-id.html">sysfs-class-dmi-id</a>), as
 * node_exporter's dmi collector. Read once at creation: the values change only with a reboot. Files only root
 * may read (serials, product_uuid) are left out when unreadable, as node_exporter does.
 */
public final class DmiCollector implements Collector {
    static final String HELP = "A metric with a constant '1' value labeled by bios_date, bios_release, bios_vendor, "
            + "bios_version, board_asset_tag, board_name, board_serial, board_vendor, board_version, "
            + "chassis_asset_tag, chassis_serial, chassis_vendor, chassis_version, product_family, product_name, "
            + "product_serial, product_sku, product_uuid, product_version, system_vendor if provided by DMI.";

    /** sysfs file name and label name, in label-name order; sys_vendor becomes system_vendor. */
    static final String[][] FIELDS = {
        {"bios_date", "bios_date"}, {"bios_release", "bios_release"}, {"bios_vendor", "bios_vendor"},
        {"bios_version", "bios_version"}, {"board_asset_tag", "board_asset_tag"}, {"board_name", "board_name"},
        {"board_serial", "board_serial"}, {"board_vendor", "board_vendor"}, {"board_version", "board_version"},
        {"chassis_asset_tag", "chassis_asset_tag"}, {"chassis_serial", "chassis_serial"},
        {"chassis_vendor", "chassis_vendor"}, {"chassis_version", "chassis_version"},
        {"product_family", "product_family"}, {"product_name", "product_name"},
        {"product_serial", "product_serial"}, {"product_sku", "product_sku"}, {"product_uuid", "product_uuid"},
        {"product_version", "product_version"}, {"sys_vendor", "system_vendor"},
    };

    private final MetricFamily family;
    private final String[] values;

    DmiCollector(MetricFamily family, String[] values) {
        this.family = family;
        this.values = values;
    }

    @Override
    public void collect(MetricSink sink) {
        sink.family(family);
        sink.sample(values, 1);
    }

    /** Registered in META-INF/services. */
    public static final class Factory implements CollectorFactory {
        @Override
        public String name() {
            return "dmi";
        }

        @Override
        public String description() {
            return "Firmware, board, chassis and product identity from /sys/class/dmi/id.";
        }

        @Override
        public Collector create(CollectorContext ctx) throws CollectorUnavailableException {
            Path dir = ctx.requireFile(ctx.paths().sys("class/dmi/id"), "platform without DMI/SMBIOS");
            StringCache cache = new StringCache(64);
            List<String> labels = new ArrayList<>();
            List<String> values = new ArrayList<>();
            for (String[] field : FIELDS) {
                Path p = dir.resolve(field[0]);
                if (!Files.isRegularFile(p)) {
                    continue;
                }
                try (ProcFile f = new ProcFile(p, 256)) {
                    int n = f.read();
                    // trim like Go's TrimSpace: some firmware strings hold control bytes (0x1c) that strip() eats
                    values.add(SysfsValue.text(f.bytes(), n, cache));
                    labels.add(field[1]);
                } catch (AccessDeniedException e) {
                    // root-only attribute
                } catch (IOException e) {
                    throw new CollectorUnavailableException("cannot read " + p + ": " + e.getMessage());
                }
            }
            if (labels.isEmpty()) {
                throw new CollectorUnavailableException(dir + " has no readable DMI attributes");
            }
            MetricFamily family = MetricFamily.gauge("node_dmi_info", HELP, labels.toArray(String[]::new));
            return new DmiCollector(family, values.toArray(String[]::new));
        }
    }
}
