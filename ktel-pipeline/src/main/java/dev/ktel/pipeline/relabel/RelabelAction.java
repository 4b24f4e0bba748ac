package dev.ktel.pipeline.relabel;

import java.util.Arrays;
import java.util.Locale;

/** The relabel_config actions of Prometheus, under their configuration names. */
public enum RelabelAction {
    REPLACE, KEEP, DROP, KEEPEQUAL, DROPEQUAL, HASHMOD, LABELMAP, LABELDROP, LABELKEEP, LOWERCASE, UPPERCASE;

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the configuration name ("replace", "labelmap", ...), case-insensitively as Prometheus does. */
    public static RelabelAction parse(String s) {
        for (RelabelAction a : values()) {
            if (a.configName().equalsIgnoreCase(s.trim())) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown relabel action \"" + s + "\"; known: "
                + Arrays.stream(values()).map(RelabelAction::configName).toList());
    }
}
