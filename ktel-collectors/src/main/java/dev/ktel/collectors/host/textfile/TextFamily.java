package dev.ktel.collectors.host.textfile;

import dev.ktel.core.metric.MetricType;
import java.util.ArrayList;
import java.util.List;

/** One metric family read from a text-format file: name, type, HELP (null when absent) and its samples. */
public final class TextFamily {
    public final String name;
    public MetricType type;
    public String help;
    /** Line of the first mention, for error messages. */
    public final int line;
    public final List<TextSample> samples = new ArrayList<>();
    boolean typed;

    TextFamily(String name, int line) {
        this.name = name;
        this.line = line;
        this.type = MetricType.UNTYPED;
    }
}
