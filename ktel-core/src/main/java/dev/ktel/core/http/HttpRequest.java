package dev.ktel.core.http;

import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One parsed HTTP/1.1 request. Header names are lower-case. */
public final class HttpRequest {
    private final String method;
    private final String path;
    private final String rawQuery;
    private final String version;
    private final Map<String, String> headers;
    private final byte[] body;
    private final InetSocketAddress remote;
    private Map<String, List<String>> params;

    HttpRequest(String method, String path, String rawQuery, String version, Map<String, String> headers,
            byte[] body, InetSocketAddress remote) {
        this.method = method;
        this.path = path;
        this.rawQuery = rawQuery;
        this.version = version;
        this.headers = headers;
        this.body = body;
        this.remote = remote;
    }

    /** For tests and in-process callers. */
    public static HttpRequest of(String method, String target, Map<String, String> headers, byte[] body) {
        int q = target.indexOf('?');
        return new HttpRequest(method, q < 0 ? target : target.substring(0, q), q < 0 ? "" : target.substring(q + 1),
                "HTTP/1.1", headers, body, null);
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    public String rawQuery() {
        return rawQuery;
    }

    public String version() {
        return version;
    }

    public String header(String lowerCaseName) {
        return headers.get(lowerCaseName);
    }

    public Map<String, String> headers() {
        return headers;
    }

    public byte[] body() {
        return body;
    }

    public InetSocketAddress remote() {
        return remote;
    }

    /**
     * Query parameters, plus form parameters of a POST with {@code application/x-www-form-urlencoded} body
     * (as the Prometheus API accepts both).
     */
    public Map<String, List<String>> params() {
        if (params == null) {
            Map<String, List<String>> p = new LinkedHashMap<>();
            parseInto(rawQuery, p);
            String ct = header("content-type");
            if (body.length > 0 && ct != null && ct.startsWith("application/x-www-form-urlencoded")) {
                parseInto(new String(body, StandardCharsets.UTF_8), p);
            }
            params = p;
        }
        return params;
    }

    /** The first value of a parameter, or null. */
    public String param(String name) {
        List<String> v = params().get(name);
        return v == null || v.isEmpty() ? null : v.getFirst();
    }

    public List<String> paramValues(String name) {
        return params().getOrDefault(name, List.of());
    }

    private static void parseInto(String query, Map<String, List<String>> out) {
        if (query == null || query.isEmpty()) {
            return;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                k = URLDecoder.decode(k, StandardCharsets.UTF_8);
                v = URLDecoder.decode(v, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new HttpException(400, "bad_data", "invalid URL encoding in parameter \"" + k + "\"");
            }
            out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
    }

    /** Whether the client accepts gzip (Accept-Encoding: gzip, not with q=0). */
    public boolean acceptsGzip() {
        String ae = header("accept-encoding");
        if (ae == null) {
            return false;
        }
        for (String part : ae.split(",")) {
            String p = part.trim();
            if (p.startsWith("gzip")) {
                return !p.replace(" ", "").contains("q=0") || p.replace(" ", "").matches(".*q=0\\.0*[1-9].*");
            }
        }
        return false;
    }
}
