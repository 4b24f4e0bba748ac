package dev.ktel.cli;

/**
 * Configures the slf4j-simple backend before the first logger exists: one line per event on stderr with an
 * ISO timestamp, level from {@code --log.level} (default info).
 */
final class Logging {
    private Logging() {
    }

    /** Held so the JDK logger keeps its level (JDK loggers are weakly referenced). */
    private static java.util.logging.Logger luceneVectors;

    static void configure(String[] args) {
        // Lucene says once per start that the incubating Vector API is not enabled; the event store does not need it
        // (only the roles with the event store: the agent does not load java.util.logging at all)
        if (java.util.Arrays.asList(args).contains("run") || java.util.Arrays.asList(args).contains("server")) {
            luceneVectors = java.util.logging.Logger.getLogger("org.apache.lucene.internal.vectorization");
            luceneVectors.setLevel(java.util.logging.Level.SEVERE);
        }
        // doctor prints its own report; its log lines would only repeat it on stderr
        String level = java.util.Arrays.asList(args).contains("doctor") ? "warn" : "info";
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--log.level=")) {
                level = args[i].substring("--log.level=".length());
            } else if (args[i].equals("--log.level") && i + 1 < args.length) {
                level = args[i + 1];
            }
        }
        setDefault("org.slf4j.simpleLogger.defaultLogLevel", level);
        setDefault("org.slf4j.simpleLogger.showDateTime", "true");
        setDefault("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
        setDefault("org.slf4j.simpleLogger.showThreadName", "false");
        setDefault("org.slf4j.simpleLogger.showShortLogName", "true");
        setDefault("org.slf4j.simpleLogger.levelInBrackets", "false");
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
