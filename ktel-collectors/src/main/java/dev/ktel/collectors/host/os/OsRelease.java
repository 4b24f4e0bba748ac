package dev.ktel.collectors.host.os;

/** The os-release fields node_exporter exports; absent keys are "". Mutable holder, reused. */
public final class OsRelease {
    /** Keys in node_info label order (label name = lower-case key). */
    static final String[] KEYS = {"BUILD_ID", "ID", "ID_LIKE", "IMAGE_ID", "IMAGE_VERSION", "NAME", "PRETTY_NAME",
        "VARIANT", "VARIANT_ID", "VERSION", "VERSION_CODENAME", "VERSION_ID"};
    static final int ID = 1;
    static final int ID_LIKE = 2;
    static final int NAME = 5;
    static final int VERSION_ID = 11;

    /** Values in {@link #KEYS} order. */
    public final String[] values = new String[KEYS.length];
    /** SUPPORT_END (YYYY-MM-DD), "" when absent. */
    public String supportEnd = "";

    public String get(String key) {
        for (int i = 0; i < KEYS.length; i++) {
            if (KEYS[i].equals(key)) {
                return values[i];
            }
        }
        return key.equals("SUPPORT_END") ? supportEnd : null;
    }
}
