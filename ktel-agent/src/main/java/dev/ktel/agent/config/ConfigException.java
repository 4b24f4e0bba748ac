package dev.ktel.agent.config;

/** A configuration problem, naming the file, line and key: {@code ktel.yaml:23: collectors.x.y: ...}. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
