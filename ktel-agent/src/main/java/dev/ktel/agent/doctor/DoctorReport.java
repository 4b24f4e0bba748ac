package dev.ktel.agent.doctor;

import dev.ktel.core.json.JsonWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The capability matrix of one host: a list of {@link Check}s plus host identity, printable as text or JSON. */
public final class DoctorReport {
    private static final int DETAIL_WIDTH = 78;

    private final String host;
    private final String kernel;
    private final String arch;
    private final List<Check> checks = new ArrayList<>();

    public DoctorReport(String host, String kernel, String arch, List<Check> checks) {
        this.host = host;
        this.kernel = kernel;
        this.arch = arch;
        this.checks.addAll(checks);
    }

    public String host() {
        return host;
    }

    public String kernel() {
        return kernel;
    }

    public String arch() {
        return arch;
    }

    /** The rows in order; read-only view (use {@link #add(Check)} to append). */
    public List<Check> checks() {
        return Collections.unmodifiableList(checks);
    }

    /** Appends a row, e.g. one per collector from the caller's collector set. */
    public DoctorReport add(Check check) {
        checks.add(java.util.Objects.requireNonNull(check, "check"));
        return this;
    }

    /** Number of rows per status; every status present, zero when none. */
    public Map<Status, Integer> summary() {
        Map<Status, Integer> counts = new EnumMap<>(Status.class);
        for (Status s : Status.values()) {
            counts.put(s, 0);
        }
        for (Check c : checks) {
            counts.merge(c.status(), 1, Integer::sum);
        }
        return counts;
    }

    /** The row with this name, if any. */
    public java.util.Optional<Check> find(String name) {
        return checks.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /**
     * Human table: one line per check (name, status, detail wrapped), then the impact on indented lines
     * starting with {@code =>}.
     */
    public String toText() {
        int nameWidth = "CHECK".length();
        for (Check c : checks) {
            nameWidth = Math.max(nameWidth, c.name().length());
        }
        int statusWidth = "degraded".length();
        String indent = " ".repeat(nameWidth + 2 + statusWidth + 2);

        StringBuilder sb = new StringBuilder(4096);
        sb.append("ktel doctor: host ").append(host).append(", kernel ").append(kernel)
                .append(" (").append(arch).append(")\n\n");
        sb.append(pad("CHECK", nameWidth)).append("  ").append(pad("STATUS", statusWidth)).append("  ")
                .append("DETAIL / => WHAT KTEL CAN AND CANNOT DO\n");
        for (Check c : checks) {
            sb.append(pad(c.name(), nameWidth)).append("  ").append(pad(c.status().label(), statusWidth)).append("  ");
            List<String> detail = wrap(c.detail(), DETAIL_WIDTH);
            for (int i = 0; i < detail.size(); i++) {
                if (i > 0) {
                    sb.append(indent);
                }
                sb.append(detail.get(i)).append('\n');
            }
            if (!c.impact().isEmpty()) {
                List<String> impact = wrap(c.impact(), DETAIL_WIDTH - 3);
                for (int i = 0; i < impact.size(); i++) {
                    sb.append(indent).append(i == 0 ? "=> " : "   ").append(impact.get(i)).append('\n');
                }
            }
        }
        Map<Status, Integer> summary = summary();
        sb.append('\n').append(checks.size()).append(" checks:");
        String sep = " ";
        for (Map.Entry<Status, Integer> e : summary.entrySet()) {
            sb.append(sep).append(e.getValue()).append(' ').append(e.getKey().label());
            sep = ", ";
        }
        sb.append('\n');
        return sb.toString();
    }

    /**
     * {@code {"host":..,"kernel":..,"arch":..,"checks":[{"name":..,"status":..,"detail":..,"impact":..}],
     * "summary":{"total":n,"ok":n,"missing":n,"degraded":n,"error":n}}}.
     */
    public String toJson() {
        JsonWriter w = new JsonWriter();
        w.beginObject();
        w.field("host", host).field("kernel", kernel).field("arch", arch);
        w.name("checks").beginArray();
        for (Check c : checks) {
            w.beginObject()
                    .field("name", c.name())
                    .field("status", c.status().label())
                    .field("detail", c.detail())
                    .field("impact", c.impact())
                    .endObject();
        }
        w.endArray();
        w.name("summary").beginObject();
        w.field("total", checks.size());
        for (Map.Entry<Status, Integer> e : summary().entrySet()) {
            w.field(e.getKey().label(), e.getValue());
        }
        w.endObject();
        w.endObject();
        return w.toString();
    }

    @Override
    public String toString() {
        return toText();
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    /** Greedy word wrap; words longer than the width stay whole on their own line. */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.strip().split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            if (!line.isEmpty() && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (!line.isEmpty()) {
                line.append(' ');
            }
            line.append(word);
        }
        if (!line.isEmpty() || lines.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }
}
