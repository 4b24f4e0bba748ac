package dev.ktel.agent;

import dev.ktel.collectors.CollectorSet;
import dev.ktel.core.http.HttpHandler;
import dev.ktel.core.http.HttpRequest;
import dev.ktel.core.http.HttpResponse;

/** GET /: what this process is and where to look, like node_exporter's landing page. */
final class LandingPage implements HttpHandler {
    private final String html;

    LandingPage(AgentSettings settings, CollectorSet collectors, String version) {
        StringBuilder sb = new StringBuilder();
        sb.append("<!doctype html><html><head><meta charset=\"utf-8\"><title>ktel</title>")
                .append("<style>body{font-family:sans-serif;margin:2em;max-width:60em}td{padding:0 1em 0 0}</style>")
                .append("</head><body><h1>ktel ").append(esc(version)).append("</h1>")
                .append("<p>Kernel telemetry ").append(esc(settings.role())).append(" on host <b>")
                .append(esc(settings.hostId())).append("</b>.</p><ul>")
                .append("<li><a href=\"/metrics\">/metrics</a>: host and kernel metrics (Prometheus text / OpenMetrics)</li>")
                .append("<li><a href=\"/api/ktel/v1/events\">/api/ktel/v1/events</a>: typed kernel events</li>")
                .append("<li><a href=\"/-/healthy\">/-/healthy</a>, <a href=\"/-/ready\">/-/ready</a></li></ul>")
                .append("<h2>Collectors</h2><table>");
        for (CollectorSet.Active a : collectors.active()) {
            sb.append("<tr><td>").append(esc(a.name())).append("</td><td>enabled</td><td></td></tr>");
        }
        for (CollectorSet.Unavailable u : collectors.unavailable()) {
            sb.append("<tr><td>").append(esc(u.name())).append("</td><td>unavailable</td><td>")
                    .append(esc(u.reason())).append("</td></tr>");
        }
        sb.append("</table></body></html>\n");
        html = sb.toString();
    }

    @Override
    public void handle(HttpRequest req, HttpResponse res) {
        res.status(200).contentType("text/html; charset=utf-8").body(html);
    }

    private static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
