package dev.ktel.api.ui;

import dev.ktel.core.http.HttpRequest;
import dev.ktel.core.http.HttpResponse;
import dev.ktel.core.http.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The built-in query page: {@code /} (and {@code /graph}, Prometheus' path) serve the page, {@code /ui/*} its
 * script, style sheet and uPlot, all read once from this jar's resources (uPlot from its webjar). Only the listed
 * files are served, so no path can reach other resources.
 */
public final class QueryPage {
    private static final String OWN = "/dev/ktel/api/ui/";
    private static final String UPLOT_POM = "/META-INF/maven/org.webjars.npm/uplot/pom.properties";

    private final Map<String, Asset> assets = new HashMap<>();
    private final Asset index;

    private record Asset(byte[] bytes, String contentType) {
    }

    private QueryPage() {
        index = new Asset(read(OWN + "index.html"), "text/html; charset=utf-8");
        assets.put("/ui/app.js", new Asset(read(OWN + "app.js"), "text/javascript; charset=utf-8"));
        assets.put("/ui/app.css", new Asset(read(OWN + "app.css"), "text/css; charset=utf-8"));
        String uplot = "/META-INF/resources/webjars/uplot/" + uplotVersion() + "/dist/";
        assets.put("/ui/uplot/uPlot.iife.min.js", new Asset(read(uplot + "uPlot.iife.min.js"),
            "text/javascript; charset=utf-8"));
        assets.put("/ui/uplot/uPlot.min.css", new Asset(read(uplot + "uPlot.min.css"), "text/css; charset=utf-8"));
    }

    /** Serves the page at {@code /} and {@code /graph}, its assets under {@code /ui/}. */
    public static void register(HttpServer http) {
        QueryPage page = new QueryPage();
        http.route("/", page::serveIndex);
        http.route("/graph", page::serveIndex);
        http.routePrefix("/ui/", page::serveAsset);
    }

    private void serveIndex(HttpRequest req, HttpResponse res) {
        serve(req, res, index, "no-cache");
    }

    private void serveAsset(HttpRequest req, HttpResponse res) {
        Asset a = assets.get(req.path());
        if (a == null) {
            res.text(404, "404 page not found\n");
            return;
        }
        serve(req, res, a, "max-age=300");
    }

    private static void serve(HttpRequest req, HttpResponse res, Asset a, String cacheControl) {
        if (!req.method().equals("GET") && !req.method().equals("HEAD")) {
            res.header("Allow", "GET, HEAD").text(405, "Method Not Allowed\n");
            return;
        }
        res.status(200).contentType(a.contentType()).header("Cache-Control", cacheControl)
            .header("X-Content-Type-Options", "nosniff").body(a.bytes(), 0, a.bytes().length);
    }

    /** The uPlot webjar on the classpath names its version; the page does not hard-code it. */
    private static String uplotVersion() {
        Properties p = new Properties();
        try (InputStream in = QueryPage.class.getResourceAsStream(UPLOT_POM)) {
            if (in == null) {
                throw new IllegalStateException("uPlot webjar (org.webjars.npm:uplot) missing from the classpath");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("version");
    }

    private static byte[] read(String resource) {
        try (InputStream in = QueryPage.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("resource missing from the jar: " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
