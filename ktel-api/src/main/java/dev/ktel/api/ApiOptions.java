package dev.ktel.api;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/** Settings of the Prometheus API; {@link #defaults()} suits tests and a plain agent. */
public final class ApiOptions {
    private final BuildInfo buildInfo;
    private final MetadataSource metadata;
    private final Map<String, String> flags;
    private final String storageRetention;
    private final LongSupplier clock;
    private final long startTimeMillis;
    private final int maxPointsPerSeries;
    private final Pattern corsOrigin;
    private final Consumer<Throwable> errorLog;

    private ApiOptions(Builder b) {
        this.buildInfo = b.buildInfo;
        this.metadata = b.metadata;
        this.flags = Map.copyOf(new TreeMap<>(b.flags));
        this.storageRetention = b.storageRetention;
        this.clock = b.clock;
        this.startTimeMillis = b.startTimeMillis;
        this.maxPointsPerSeries = b.maxPointsPerSeries;
        this.corsOrigin = b.corsOrigin;
        this.errorLog = b.errorLog;
    }

    public static ApiOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public BuildInfo buildInfo() {
        return buildInfo;
    }

    public MetadataSource metadata() {
        return metadata;
    }

    /** Command-line flags as /api/v1/status/flags lists them (name without dashes → value). */
    public Map<String, String> flags() {
        return flags;
    }

    public String storageRetention() {
        return storageRetention;
    }

    /** Now, in epoch milliseconds: the default {@code time} of instant queries. */
    public long now() {
        return clock.getAsLong();
    }

    public long startTimeMillis() {
        return startTimeMillis;
    }

    /** Range queries with more steps than this are refused, as Prometheus does (11,000). */
    public int maxPointsPerSeries() {
        return maxPointsPerSeries;
    }

    /** Origins allowed to read the API from a browser page on another origin; null: no CORS headers. */
    public Pattern corsOrigin() {
        return corsOrigin;
    }

    public Consumer<Throwable> errorLog() {
        return errorLog;
    }

    public static final class Builder {
        private BuildInfo buildInfo = BuildInfo.ktel(versionOfThisJar(), "unknown");
        private MetadataSource metadata = MetadataSource.EMPTY;
        private Map<String, String> flags = Map.of();
        private String storageRetention = "";
        private LongSupplier clock = System::currentTimeMillis;
        private long startTimeMillis = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
        private int maxPointsPerSeries = 11_000;
        private Pattern corsOrigin;
        private Consumer<Throwable> errorLog = t -> { };

        private Builder() {
        }

        public Builder buildInfo(BuildInfo b) {
            this.buildInfo = Objects.requireNonNull(b);
            return this;
        }

        public Builder metadata(MetadataSource m) {
            this.metadata = Objects.requireNonNull(m);
            return this;
        }

        public Builder flags(Map<String, String> f) {
            this.flags = Objects.requireNonNull(f);
            return this;
        }

        /** As Prometheus shows it in runtimeinfo, e.g. {@code 15d}. */
        public Builder storageRetention(String r) {
            this.storageRetention = Objects.requireNonNull(r);
            return this;
        }

        public Builder clock(LongSupplier nowMillis) {
            this.clock = Objects.requireNonNull(nowMillis);
            return this;
        }

        public Builder startTimeMillis(long t) {
            this.startTimeMillis = t;
            return this;
        }

        public Builder maxPointsPerSeries(int n) {
            if (n <= 0) {
                throw new IllegalArgumentException("maxPointsPerSeries must be positive: " + n);
            }
            this.maxPointsPerSeries = n;
            return this;
        }

        public Builder corsOrigin(Pattern p) {
            this.corsOrigin = p;
            return this;
        }

        /** Where unexpected failures (answered as internal errors) are reported. */
        public Builder errorLog(Consumer<Throwable> log) {
            this.errorLog = Objects.requireNonNull(log);
            return this;
        }

        public ApiOptions build() {
            return new ApiOptions(this);
        }

        private static String versionOfThisJar() {
            String v = ApiOptions.class.getPackage().getImplementationVersion();
            return v == null ? "dev" : v;
        }
    }
}
