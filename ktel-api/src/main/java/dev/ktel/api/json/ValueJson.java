package dev.ktel.api.json;

import dev.ktel.core.json.JsonWriter;
import dev.ktel.promql.Matrix;
import dev.ktel.promql.Sample;
import dev.ktel.promql.Scalar;
import dev.ktel.promql.SeriesPoints;
import dev.ktel.promql.StringValue;
import dev.ktel.promql.Value;
import dev.ktel.promql.Vector;

/**
 * A query result as Prometheus' {@code data} member: {@code {"resultType":"matrix","result":[...]}}. Points are
 * written straight into the JSON buffer ({@link JsonWriter#rawValue()}), with no object per point.
 */
public final class ValueJson {
    private ValueJson() {
    }

    public static void write(JsonWriter w, Value v) {
        w.beginObject().field("resultType", v.typeName()).name("result");
        switch (v) {
            case Matrix m -> {
                w.beginArray();
                for (SeriesPoints s : m.series()) {
                    w.beginObject().name("metric");
                    LabelsJson.write(w, s.labels());
                    w.name("values");
                    StringBuilder sb = w.rawValue();
                    sb.append('[');
                    long[] ts = s.t();
                    double[] vs = s.v();
                    for (int i = 0; i < s.size(); i++) {
                        if (i > 0) {
                            sb.append(',');
                        }
                        point(sb, ts[i], vs[i]);
                    }
                    sb.append(']');
                    w.endObject();
                }
                w.endArray();
            }
            case Vector vec -> {
                w.beginArray();
                for (Sample s : vec.samples()) {
                    w.beginObject().name("metric");
                    LabelsJson.write(w, s.labels());
                    w.name("value");
                    point(w.rawValue(), s.t(), s.v());
                    w.endObject();
                }
                w.endArray();
            }
            case Scalar s -> {
                StringBuilder sb = new StringBuilder(40);
                PromFloat.appendSeconds(sb, s.t());
                w.beginArray().rawValue(sb);
                sb.setLength(0);
                PromFloat.appendPlain(sb, s.v());
                w.value(sb.toString()).endArray();
            }
            case StringValue s -> {
                StringBuilder sb = new StringBuilder(24);
                PromFloat.appendSeconds(sb, s.t());
                w.beginArray().rawValue(sb).value(s.s()).endArray();
            }
        }
        w.endObject();
    }

    /** {@code [1435781451.781,"1"]}. */
    static void point(StringBuilder sb, long t, double v) {
        sb.append('[');
        PromFloat.appendTimestamp(sb, t);
        sb.append(",\"");
        PromFloat.appendValue(sb, v);
        sb.append("\"]");
    }
}
