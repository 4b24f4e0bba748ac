package dev.ktel.core.exposition;

/** The two exposition formats served on /metrics, chosen by the request's Accept header. */
public enum ExpositionFormat {
    PROMETHEUS_TEXT("text/plain; version=0.0.4; charset=utf-8"),
    OPENMETRICS("application/openmetrics-text; version=1.0.0; charset=utf-8");

    private final String contentType;

    ExpositionFormat(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }

    /**
     * Picks OpenMetrics when the client lists it with a q-value at least as high as text/plain's (as
     * Prometheus does when it scrapes), otherwise the 0.0.4 text format.
     */
    public static ExpositionFormat negotiate(String accept) {
        if (accept == null || !accept.contains("application/openmetrics-text")) {
            return PROMETHEUS_TEXT;
        }
        double om = -1;
        double text = -1;
        for (String part : accept.split(",")) {
            String[] params = part.trim().split(";");
            String media = params[0].trim();
            double q = 1.0;
            for (int i = 1; i < params.length; i++) {
                String p = params[i].trim();
                if (p.startsWith("q=")) {
                    try {
                        q = Double.parseDouble(p.substring(2));
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            if (media.equals("application/openmetrics-text")) {
                om = Math.max(om, q);
            } else if (media.equals("text/plain") || media.equals("*/*")) {
                text = Math.max(text, q);
            }
        }
        return om > 0 && om >= text ? OPENMETRICS : PROMETHEUS_TEXT;
    }
}
