package dev.ktel.api.json;

import dev.ktel.api.ApiException;
import dev.ktel.core.exposition.ByteBuf;
import dev.ktel.core.exposition.GzipEncoder;
import dev.ktel.core.http.HttpRequest;
import dev.ktel.core.http.HttpResponse;
import dev.ktel.core.json.JsonWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The Prometheus API envelope: {@code {"status":"success","data":...,"warnings":[...],"infos":[...]}} or
 * {@code {"status":"error","errorType":"bad_data","error":"..."}}, members in Prometheus' order, empty
 * warnings and infos left out (omitempty). Bodies are gzipped when the client accepts it and the body is
 * larger than a packet.
 */
public final class ApiResponse {
    /** Below this, gzip saves no packet and costs CPU on both ends. */
    static final int MIN_GZIP_BYTES = 1024;

    private ApiResponse() {
    }

    /** Writes the {@code data} member's value. */
    @FunctionalInterface
    public interface DataWriter {
        void write(JsonWriter json);
    }

    public static void success(HttpRequest req, HttpResponse res, DataWriter data, List<String> warnings,
            List<String> infos) {
        JsonWriter w = new JsonWriter(new StringBuilder(512));
        w.beginObject().field("status", "success");
        if (data != null) {
            w.name("data");
            data.write(w);
        }
        strings(w, "warnings", warnings);
        strings(w, "infos", infos);
        w.endObject();
        send(req, res, 200, w);
    }

    public static void error(HttpRequest req, HttpResponse res, ApiException e) {
        JsonWriter w = new JsonWriter(new StringBuilder(128));
        w.beginObject().field("status", "error").field("errorType", e.type().text())
            .field("error", e.getMessage() == null ? e.type().text() : e.getMessage()).endObject();
        send(req, res, e.type().httpStatus(), w);
    }

    private static void strings(JsonWriter w, String name, List<String> values) {
        if (values == null || values.isEmpty()) {
            return;
        }
        w.name(name).beginArray();
        for (String v : values) {
            w.value(v);
        }
        w.endArray();
    }

    private static void send(HttpRequest req, HttpResponse res, int status, JsonWriter w) {
        byte[] body = w.toString().getBytes(StandardCharsets.UTF_8);
        res.status(status).contentType("application/json");
        if (body.length >= MIN_GZIP_BYTES && req.acceptsGzip()) {
            ByteBuf out = new ByteBuf(Math.max(256, body.length / 4));
            GzipEncoder gz = new GzipEncoder();
            try {
                gz.encode(body, body.length, out);
            } finally {
                gz.close();
            }
            res.header("Content-Encoding", "gzip").header("Vary", "Accept-Encoding");
            res.body(out.array(), 0, out.length());
        } else {
            res.body(body, 0, body.length);
        }
    }
}
