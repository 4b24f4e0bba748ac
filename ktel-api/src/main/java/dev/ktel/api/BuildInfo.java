package dev.ktel.api;

/**
 * The body of /api/v1/status/buildinfo. {@code version} is the Prometheus API level ktel follows, because
 * clients gate features on it (Grafana reads it to pick the query editor's API calls); ktel's own version goes
 * into {@code application} and {@code applicationVersion}, which Prometheus clients ignore.
 */
public record BuildInfo(String version, String revision, String branch, String buildUser, String buildDate,
        String goVersion, String applicationVersion) {
    /** The Prometheus release whose API and PromQL semantics ktel follows. */
    public static final String PROMETHEUS_API_LEVEL = "3.0.0";

    public static BuildInfo ktel(String ktelVersion, String revision) {
        return new BuildInfo(PROMETHEUS_API_LEVEL, revision, "", "", "",
            "java" + Runtime.version().feature(), ktelVersion);
    }
}
