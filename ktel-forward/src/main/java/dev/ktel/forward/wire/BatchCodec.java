package dev.ktel.forward.wire;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import dev.ktel.core.event.CorrelationKey;
import dev.ktel.core.event.Event;
import dev.ktel.core.event.Severity;
import dev.ktel.store.api.Labels;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Protobuf encoding of a {@link Batch}, written and read with protobuf-java's {@link CodedOutputStream} and
 * {@link CodedInputStream} (the library does varints, zigzag, UTF-8 and unknown-field skipping).
 *
 * <p>Field 1 is Prometheus remote write 1.0's {@code WriteRequest.timeseries} (TimeSeries: labels = 1,
 * samples = 2; Label: name = 1, value = 2; Sample: value = 1 double, timestamp = 2 int64), so a batch without
 * events <em>is</em> a remote write request, and any remote write request decodes as a batch. ktel's events ride in
 * field 15, which remote write receivers skip as unknown; see the module README for the event message.
 */
public final class BatchCodec {
    static final int TIMESERIES = 1;
    static final int EVENTS = 15;

    private BatchCodec() {
    }

    public static byte[] encode(Batch batch) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + batch.itemCount() * 48);
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        try {
            for (WriteSeries s : batch.series()) {
                out.writeTag(TIMESERIES, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                out.writeUInt32NoTag(seriesSize(s));
                writeSeries(out, s);
            }
            for (Event e : batch.events()) {
                byte[] ev = encodeEvent(e);
                out.writeByteArray(EVENTS, ev);
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return bytes.toByteArray();
    }

    private static int labelSize(String name, String value) {
        return CodedOutputStream.computeStringSize(1, name) + CodedOutputStream.computeStringSize(2, value);
    }

    private static int sampleSize(long t) {
        return CodedOutputStream.computeDoubleSize(1, 0) + CodedOutputStream.computeInt64Size(2, t);
    }

    private static int seriesSize(WriteSeries s) {
        int n = 0;
        Labels l = s.labels();
        for (int i = 0; i < l.size(); i++) {
            int ls = labelSize(l.name(i), l.value(i));
            n += CodedOutputStream.computeTagSize(1) + CodedOutputStream.computeUInt32SizeNoTag(ls) + ls;
        }
        for (int i = 0; i < s.size(); i++) {
            int ss = sampleSize(s.timestamps()[i]);
            n += CodedOutputStream.computeTagSize(2) + CodedOutputStream.computeUInt32SizeNoTag(ss) + ss;
        }
        return n;
    }

    private static void writeSeries(CodedOutputStream out, WriteSeries s) throws IOException {
        Labels l = s.labels();
        for (int i = 0; i < l.size(); i++) {
            out.writeTag(1, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            out.writeUInt32NoTag(labelSize(l.name(i), l.value(i)));
            out.writeString(1, l.name(i));
            out.writeString(2, l.value(i));
        }
        for (int i = 0; i < s.size(); i++) {
            out.writeTag(2, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            out.writeUInt32NoTag(sampleSize(s.timestamps()[i]));
            out.writeDouble(1, s.values()[i]);
            out.writeInt64(2, s.timestamps()[i]);
        }
    }

    private static byte[] encodeEvent(Event e) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128 + e.message().length());
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        out.writeInt64(1, e.timestampNanos());
        writeOptional(out, 2, e.host());
        writeOptional(out, 3, e.type());
        out.writeInt32(4, e.severity().ordinal());
        for (Map.Entry<String, String> kv : e.key().labels().entrySet()) {
            writeLabel(out, 5, kv.getKey(), kv.getValue());
        }
        for (Map.Entry<String, String> kv : e.attributes().entrySet()) {
            writeLabel(out, 6, kv.getKey(), kv.getValue());
        }
        writeOptional(out, 7, e.message());
        writeOptional(out, 8, e.source());
        out.writeInt64(9, e.sequence());
        out.flush();
        return bytes.toByteArray();
    }

    private static void writeOptional(CodedOutputStream out, int field, String s) throws IOException {
        if (s != null && !s.isEmpty()) {
            out.writeString(field, s);
        }
    }

    private static void writeLabel(CodedOutputStream out, int field, String name, String value) throws IOException {
        out.writeTag(field, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        out.writeUInt32NoTag(labelSize(name, value));
        out.writeString(1, name);
        out.writeString(2, value);
    }

    // ---- decoding

    /** Decodes a batch (or a remote write request); unknown fields (metadata, exemplars, ...) are skipped. */
    public static Batch decode(byte[] data) throws PayloadException {
        List<WriteSeries> series = new ArrayList<>();
        List<Event> events = new ArrayList<>();
        CodedInputStream in = CodedInputStream.newInstance(data);
        String field = "request";
        try {
            while (true) {
                int tag = in.readTag();
                if (tag == 0) {
                    break;
                }
                int number = WireFormat.getTagFieldNumber(tag);
                if (number == TIMESERIES) {
                    field = "timeseries[" + series.size() + "]";
                    requireLengthDelimited(tag, field);
                    int limit = in.pushLimit(in.readRawVarint32());
                    series.add(readSeries(in, field));
                    in.popLimit(limit);
                } else if (number == EVENTS) {
                    field = "events[" + events.size() + "]";
                    requireLengthDelimited(tag, field);
                    int limit = in.pushLimit(in.readRawVarint32());
                    events.add(readEvent(in, field));
                    in.popLimit(limit);
                } else {
                    field = "field " + number;
                    in.skipField(tag);
                }
            }
        } catch (IOException e) {
            throw new PayloadException(field, "malformed protobuf: " + e.getMessage());
        }
        return new Batch(series, events);
    }

    private static void requireLengthDelimited(int tag, String field) throws PayloadException {
        if (WireFormat.getTagWireType(tag) != WireFormat.WIRETYPE_LENGTH_DELIMITED) {
            throw new PayloadException(field, "wire type " + WireFormat.getTagWireType(tag) + ", expected a message");
        }
    }

    private static WriteSeries readSeries(CodedInputStream in, String field) throws IOException, PayloadException {
        Labels.Builder labels = Labels.builder();
        long[] ts = new long[4];
        double[] vs = new double[4];
        int n = 0;
        int labelCount = 0;
        boolean hasName = false;
        while (true) {
            int tag = in.readTag();
            if (tag == 0) {
                break;
            }
            int number = WireFormat.getTagFieldNumber(tag);
            if (number == 1) {
                String f = field + ".labels[" + labelCount++ + "]";
                requireLengthDelimited(tag, f);
                int limit = in.pushLimit(in.readRawVarint32());
                String[] kv = readPair(in, f);
                in.popLimit(limit);
                if (kv[0].isEmpty()) {
                    throw new PayloadException(f + ".name", "empty label name");
                }
                hasName |= kv[0].equals(Labels.METRIC_NAME) && !kv[1].isEmpty();
                try {
                    labels.set(kv[0], kv[1]);
                } catch (IllegalArgumentException e) {
                    throw new PayloadException(f + ".name", e.getMessage());
                }
            } else if (number == 2) {
                String f = field + ".samples[" + n + "]";
                requireLengthDelimited(tag, f);
                int limit = in.pushLimit(in.readRawVarint32());
                double v = 0;
                long t = 0;
                while (true) {
                    int st = in.readTag();
                    if (st == 0) {
                        break;
                    }
                    switch (WireFormat.getTagFieldNumber(st)) {
                        case 1 -> v = in.readDouble();
                        case 2 -> t = in.readInt64();
                        default -> in.skipField(st);
                    }
                }
                in.popLimit(limit);
                if (n == ts.length) {
                    ts = java.util.Arrays.copyOf(ts, n * 2);
                    vs = java.util.Arrays.copyOf(vs, n * 2);
                }
                ts[n] = t;
                vs[n++] = v;
            } else {
                in.skipField(tag);
            }
        }
        if (!hasName) {
            throw new PayloadException(field + ".labels", "no __name__ label");
        }
        return new WriteSeries(labels.build(), java.util.Arrays.copyOf(ts, n), java.util.Arrays.copyOf(vs, n));
    }

    private static String[] readPair(CodedInputStream in, String field) throws IOException {
        String[] kv = {"", ""};
        while (true) {
            int tag = in.readTag();
            if (tag == 0) {
                return kv;
            }
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> kv[0] = in.readStringRequireUtf8();
                case 2 -> kv[1] = in.readStringRequireUtf8();
                default -> in.skipField(tag);
            }
        }
    }

    private static Event readEvent(CodedInputStream in, String field) throws IOException, PayloadException {
        long ts = 0;
        String host = "";
        String type = "";
        int severity = Severity.INFO.ordinal();
        Map<String, String> key = new HashMap<>();
        Map<String, String> attrs = new HashMap<>();
        String message = "";
        String source = "";
        long seq = -1;
        while (true) {
            int tag = in.readTag();
            if (tag == 0) {
                break;
            }
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> ts = in.readInt64();
                case 2 -> host = in.readStringRequireUtf8();
                case 3 -> type = in.readStringRequireUtf8();
                case 4 -> severity = in.readInt32();
                case 5, 6 -> {
                    int limit = in.pushLimit(in.readRawVarint32());
                    String[] kv = readPair(in, field);
                    in.popLimit(limit);
                    (WireFormat.getTagFieldNumber(tag) == 5 ? key : attrs).put(kv[0], kv[1]);
                }
                case 7 -> message = in.readStringRequireUtf8();
                case 8 -> source = in.readStringRequireUtf8();
                case 9 -> seq = in.readInt64();
                default -> in.skipField(tag);
            }
        }
        if (type.isEmpty()) {
            throw new PayloadException(field + ".type", "empty event type");
        }
        if (severity < 0 || severity > 7) {
            throw new PayloadException(field + ".severity", "severity " + severity + " outside 0..7");
        }
        CorrelationKey ck = key.isEmpty() ? CorrelationKey.NONE : new CorrelationKey(key.get("cgroup"),
                key.get("container_id"), key.get("runtime"), key.get("pod_uid"), key.get("pod"), key.get("namespace"),
                key.get("qos_class"), key.get("container"));
        return new Event(ts, host, type, Severity.fromLevel(severity), ck, attrs, message, source, seq);
    }
}
