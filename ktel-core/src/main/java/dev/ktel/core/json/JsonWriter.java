package dev.ktel.core.json;

/**
 * A minimal streaming JSON writer for API responses and reports (the agent carries no JSON library).
 * Commas are inserted automatically; call {@code name()} before each object member.
 */
public final class JsonWriter {
    private final StringBuilder sb;
    private boolean needComma;

    public JsonWriter() {
        this(new StringBuilder(256));
    }

    public JsonWriter(StringBuilder sb) {
        this.sb = sb;
    }

    public JsonWriter beginObject() {
        comma();
        sb.append('{');
        needComma = false;
        return this;
    }

    public JsonWriter endObject() {
        sb.append('}');
        needComma = true;
        return this;
    }

    public JsonWriter beginArray() {
        comma();
        sb.append('[');
        needComma = false;
        return this;
    }

    public JsonWriter endArray() {
        sb.append(']');
        needComma = true;
        return this;
    }

    public JsonWriter name(String name) {
        comma();
        quote(name);
        sb.append(':');
        needComma = false;
        return this;
    }

    public JsonWriter value(String s) {
        comma();
        if (s == null) {
            sb.append("null");
        } else {
            quote(s);
        }
        needComma = true;
        return this;
    }

    public JsonWriter value(long v) {
        comma();
        sb.append(v);
        needComma = true;
        return this;
    }

    /** Numbers; NaN and infinities (not JSON) are written as strings, as Prometheus' API does. */
    public JsonWriter value(double v) {
        comma();
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            quote(Double.isNaN(v) ? "NaN" : v > 0 ? "+Inf" : "-Inf");
        } else if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            sb.append((long) v);
        } else {
            sb.append(v);
        }
        needComma = true;
        return this;
    }

    public JsonWriter value(boolean v) {
        comma();
        sb.append(v);
        needComma = true;
        return this;
    }

    public JsonWriter nullValue() {
        comma();
        sb.append("null");
        needComma = true;
        return this;
    }

    /**
     * Starts one value that the caller writes itself, already encoded as JSON, into the returned buffer (numbers
     * formatted by a protocol's own rules, say); exactly one complete value must be appended before the next call.
     */
    public StringBuilder rawValue() {
        comma();
        needComma = true;
        return sb;
    }

    /** Appends an already-encoded JSON value. */
    public JsonWriter rawValue(CharSequence json) {
        rawValue().append(json);
        return this;
    }

    /** Characters written so far. */
    public int length() {
        return sb.length();
    }

    /** Shorthand for {@code name(n).value(v)}. */
    public JsonWriter field(String n, String v) {
        return name(n).value(v);
    }

    public JsonWriter field(String n, long v) {
        return name(n).value(v);
    }

    public JsonWriter field(String n, boolean v) {
        return name(n).value(v);
    }

    public JsonWriter field(String n, double v) {
        return name(n).value(v);
    }

    private void comma() {
        if (needComma) {
            sb.append(',');
            needComma = false;
        }
    }

    private void quote(String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    @Override
    public String toString() {
        return sb.toString();
    }
}
