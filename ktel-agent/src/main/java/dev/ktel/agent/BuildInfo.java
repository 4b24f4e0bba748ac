package dev.ktel.agent;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Version and revision baked in at build time (ktel-agent/src/main/resources/dev/ktel/agent/build.properties). */
public final class BuildInfo {
    private static final Properties PROPS = load();

    private BuildInfo() {
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // fall back to "unknown"
        }
        return p;
    }

    public static String version() {
        return value("version");
    }

    public static String revision() {
        return value("revision");
    }

    private static String value(String key) {
        String v = PROPS.getProperty(key, "unknown");
        return v.isBlank() || v.startsWith("${") ? "unknown" : v;
    }
}
