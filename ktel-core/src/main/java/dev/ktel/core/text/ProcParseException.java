package dev.ktel.core.text;

/**
 * A kernel file held something we could not parse. Says where (file and line), which field and what it saw,
 * e.g. {@code /proc/diskstats:7: field 4 (reads_merged): expected unsigned integer, got "-1"}.
 */
public final class ProcParseException extends RuntimeException {
    private final String source;
    private final int line;
    private final String field;
    private final String found;

    public ProcParseException(String source, int line, String field, String problem, String found) {
        super(source + ":" + line + ": " + field + ": " + problem + (found == null ? "" : ", got \"" + found + "\""));
        this.source = source;
        this.line = line;
        this.field = field;
        this.found = found;
    }

    public String source() {
        return source;
    }

    public int line() {
        return line;
    }

    public String field() {
        return field;
    }

    public String found() {
        return found;
    }
}
