package dev.ktel.collectors.proc.diskstats;

import dev.ktel.core.text.StringCache;
import java.util.Arrays;

/**
 * The udev properties of one block device that node_exporter's diskstats collector reads, parsed from the
 * {@code E:KEY=VALUE} lines of udev's database file {@code /run/udev/data/b<major>:<minor>} (see udevadm(8)).
 * Other lines and keys are skipped. Values absent from the file are null (an empty value is "").
 */
public final class UdevProperties {
    public static final String[] KEYS = {"DM_LV_LAYER", "DM_LV_NAME", "DM_NAME", "DM_UUID", "DM_VG_NAME", "ID_ATA",
        "ID_ATA_ROTATION_RATE_RPM", "ID_ATA_WRITE_CACHE", "ID_ATA_WRITE_CACHE_ENABLED", "ID_FS_TYPE", "ID_FS_USAGE",
        "ID_FS_UUID", "ID_FS_VERSION", "ID_MODEL", "ID_PATH", "ID_REVISION", "ID_SERIAL", "ID_SERIAL_SHORT",
        "ID_WWN", "SCSI_IDENT_SERIAL"};
    public static final int DM_LV_LAYER = 0;
    public static final int DM_LV_NAME = 1;
    public static final int DM_NAME = 2;
    public static final int DM_UUID = 3;
    public static final int DM_VG_NAME = 4;
    public static final int ID_ATA = 5;
    public static final int ID_ATA_ROTATION_RATE_RPM = 6;
    public static final int ID_ATA_WRITE_CACHE = 7;
    public static final int ID_ATA_WRITE_CACHE_ENABLED = 8;
    public static final int ID_FS_TYPE = 9;
    public static final int ID_FS_USAGE = 10;
    public static final int ID_FS_UUID = 11;
    public static final int ID_FS_VERSION = 12;
    public static final int ID_MODEL = 13;
    public static final int ID_PATH = 14;
    public static final int ID_REVISION = 15;
    public static final int ID_SERIAL = 16;
    public static final int ID_SERIAL_SHORT = 17;
    public static final int ID_WWN = 18;
    public static final int SCSI_IDENT_SERIAL = 19;

    private static final byte[][] KEY_BYTES = new byte[KEYS.length][];

    static {
        for (int i = 0; i < KEYS.length; i++) {
            KEY_BYTES[i] = KEYS[i].getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }
    }

    private final String[] values = new String[KEYS.length];

    /** The property, or null when the file did not have it. */
    public String get(int key) {
        return values[key];
    }

    /** The property, or "" when absent (label values). */
    public String label(int key) {
        String v = values[key];
        return v == null ? "" : v;
    }

    public void clear() {
        Arrays.fill(values, null);
    }

    /** Parses the udev database file content; allocation-free once values are cached. */
    public void parse(byte[] data, int length, StringCache cache) {
        clear();
        int pos = 0;
        while (pos < length) {
            int end = pos;
            while (end < length && data[end] != '\n') {
                end++;
            }
            if (end - pos > 2 && data[pos] == 'E' && data[pos + 1] == ':') {
                int eq = pos + 2;
                while (eq < end && data[eq] != '=') {
                    eq++;
                }
                if (eq < end) {
                    int key = keyIndex(data, pos + 2, eq);
                    if (key >= 0) {
                        values[key] = cache.get(data, eq + 1, end);
                    }
                }
            }
            pos = end + 1;
        }
    }

    private static int keyIndex(byte[] data, int s, int e) {
        outer:
        for (int k = 0; k < KEY_BYTES.length; k++) {
            byte[] key = KEY_BYTES[k];
            if (key.length != e - s) {
                continue;
            }
            for (int i = 0; i < key.length; i++) {
                if (key[i] != data[s + i]) {
                    continue outer;
                }
            }
            return k;
        }
        return -1;
    }
}
