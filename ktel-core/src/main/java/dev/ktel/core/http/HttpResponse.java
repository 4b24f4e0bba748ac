package dev.ktel.core.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The response a handler fills in: status, headers and one body (array range, not copied). */
public final class HttpResponse {
    private int status = 200;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private byte[] body = new byte[0];
    private int offset;
    private int length;
    private Runnable afterWrite;

    public HttpResponse status(int status) {
        this.status = status;
        return this;
    }

    public int status() {
        return status;
    }

    public HttpResponse header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public String header(String name) {
        return headers.get(name);
    }

    public Map<String, String> headers() {
        return headers;
    }

    public HttpResponse contentType(String type) {
        return header("Content-Type", type);
    }

    /** Uses the array range as the body; the caller keeps it unchanged until the response is written. */
    public HttpResponse body(byte[] bytes, int off, int len) {
        this.body = bytes;
        this.offset = off;
        this.length = len;
        return this;
    }

    public HttpResponse body(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return body(b, 0, b.length);
    }

    public HttpResponse text(int status, String text) {
        return status(status).contentType("text/plain; charset=utf-8").body(text);
    }

    public HttpResponse json(int status, String json) {
        return status(status).contentType("application/json").body(json);
    }

    /**
     * Runs after the body has been written (or failed to be): lets a handler lend a shared buffer as the
     * body and release it only once the bytes are on the wire.
     */
    public HttpResponse afterWrite(Runnable release) {
        this.afterWrite = release;
        return this;
    }

    /** Called by the server once; safe to call when nothing was registered. */
    public void released() {
        Runnable r = afterWrite;
        afterWrite = null;
        if (r != null) {
            r.run();
        }
    }

    public byte[] bodyArray() {
        return body;
    }

    public int bodyOffset() {
        return offset;
    }

    public int bodyLength() {
        return length;
    }

    public String bodyText() {
        return new String(body, offset, length, StandardCharsets.UTF_8);
    }
}
