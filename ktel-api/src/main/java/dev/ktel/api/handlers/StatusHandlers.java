package dev.ktel.api.handlers;

import dev.ktel.api.ApiOptions;
import dev.ktel.api.ApiResult;
import dev.ktel.api.BuildInfo;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/** /api/v1/status/buildinfo, runtimeinfo, flags and config, in Prometheus' shapes. */
public final class StatusHandlers {
    private final ApiOptions opts;

    public StatusHandlers(ApiOptions opts) {
        this.opts = opts;
    }

    public ApiResult buildInfo() {
        BuildInfo b = opts.buildInfo();
        return ApiResult.of(w -> w.beginObject()
            .field("version", b.version())
            .field("revision", b.revision())
            .field("branch", b.branch())
            .field("buildUser", b.buildUser())
            .field("buildDate", b.buildDate())
            .field("goVersion", b.goVersion())
            .field("application", "ktel")
            .field("applicationVersion", b.applicationVersion())
            .endObject());
    }

    /** The JVM's figures where Prometheus reports the Go runtime's (goroutines → live threads, and so on). */
    public ApiResult runtimeInfo() {
        Runtime rt = Runtime.getRuntime();
        long now = opts.now();
        return ApiResult.of(w -> w.beginObject()
            .field("startTime", goTime(opts.startTimeMillis()))
            .field("CWD", Path.of("").toAbsolutePath().toString())
            .field("hostname", hostname())
            .field("serverTime", goTime(now))
            .field("reloadConfigSuccess", true)
            .field("lastConfigTime", goTime(opts.startTimeMillis()))
            .field("corruptionCount", 0L)
            .field("goroutineCount", (long) Thread.activeCount())
            .field("GOMAXPROCS", (long) rt.availableProcessors())
            .field("GOMEMLIMIT", rt.maxMemory())
            .field("GOGC", "")
            .field("GODEBUG", "")
            .field("storageRetention", opts.storageRetention())
            .endObject());
    }

    public ApiResult flags() {
        return ApiResult.of(w -> {
            w.beginObject();
            for (Map.Entry<String, String> e : opts.flags().entrySet()) {
                w.field(e.getKey(), e.getValue());
            }
            w.endObject();
        });
    }

    /** ktel has no Prometheus configuration file; the shape is kept for clients that show it. */
    public ApiResult config() {
        return ApiResult.of(w -> w.beginObject().field("yaml", "").endObject());
    }

    /** Go's time.Time JSON: RFC 3339 with the fraction's trailing zeros dropped. */
    static String goTime(long millis) {
        String s = Instant.ofEpochMilli(millis).toString();
        int dot = s.indexOf('.');
        if (dot < 0) {
            return s;
        }
        int z = s.length() - 1; // 'Z'
        int end = z;
        while (end > dot + 1 && s.charAt(end - 1) == '0') {
            end--;
        }
        return end == dot + 1 ? s.substring(0, dot) + "Z" : s.substring(0, end) + "Z";
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "";
        }
    }
}
