package dev.ktel.agent.metrics;

import dev.ktel.collectors.CollectorSet;
import dev.ktel.core.exposition.ByteBuf;
import dev.ktel.core.exposition.ExpositionFormat;
import dev.ktel.core.exposition.GzipEncoder;
import dev.ktel.core.exposition.TextExpositionWriter;
import dev.ktel.core.http.HttpException;
import dev.ktel.core.http.HttpHandler;
import dev.ktel.core.http.HttpRequest;
import dev.ktel.core.http.HttpResponse;
import dev.ktel.core.metric.MetricSink;
import dev.ktel.pipeline.MetricChain;
import dev.ktel.pipeline.Pipeline;
import dev.ktel.pipeline.fidelity.CollectorThrottle;
import dev.ktel.pipeline.fidelity.FidelityController;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * GET /metrics: runs every collector afresh (no cached snapshot, as node_exporter) into a reused buffer, in
 * the format the Accept header asks for, gzip-compressed when the client accepts it. Scrapes are serialised;
 * the buffer is lent to the HTTP layer and released once written, so a scrape allocates nearly nothing.
 */
public final class MetricsHandler implements HttpHandler {
    private final CollectorSet collectors;
    private final List<MetricSource> sources;
    private final ReentrantLock lock = new ReentrantLock();
    private final ByteBuf text = new ByteBuf(256 * 1024);
    private final ByteBuf gzipped = new ByteBuf(64 * 1024);
    private final TextExpositionWriter writer = new TextExpositionWriter(text);
    private final GzipEncoder gzip = new GzipEncoder();
    private final MetricChain chain;
    private final FidelityController fidelity;
    private final ThrottledRunner throttled;

    public MetricsHandler(CollectorSet collectors, List<MetricSource> sources) {
        this(collectors, sources, null);
    }

    /**
     * @param pipeline the edge pipeline whose metric stages sit between the collectors and the exposition (its
     *                 cardinality SLI is added to the sources), or null for none
     */
    public MetricsHandler(CollectorSet collectors, List<MetricSource> sources, Pipeline pipeline) {
        this.collectors = collectors;
        List<MetricSource> all = new java.util.ArrayList<>(sources);
        if (pipeline != null) {
            chain = pipeline.metricChain(writer, writer::samplesWritten);
            fidelity = pipeline.fidelity();
            throttled = new ThrottledRunner(new CollectorThrottle(fidelity));
            all.add(chain::writeMetrics);
        } else {
            chain = null;
            fidelity = null;
            throttled = null;
        }
        this.sources = List.copyOf(all);
    }

    @Override
    public void handle(HttpRequest req, HttpResponse res) {
        if (!req.method().equals("GET") && !req.method().equals("HEAD")) {
            throw new HttpException(405, "bad_data", "method " + req.method() + " not allowed on /metrics");
        }
        ExpositionFormat format = ExpositionFormat.negotiate(req.header("accept"));
        lock.lock();
        try {
            render(format);
            res.status(200).contentType(format.contentType());
            if (req.acceptsGzip()) {
                gzip.encode(text.array(), text.length(), gzipped);
                res.header("Content-Encoding", "gzip").body(gzipped.array(), 0, gzipped.length());
            } else {
                res.body(text.array(), 0, text.length());
            }
            res.header("Vary", "Accept-Encoding");
            res.afterWrite(lock::unlock);
        } catch (RuntimeException | Error e) {
            lock.unlock();
            throw e;
        }
    }

    /** Renders one exposition into the shared buffer (caller holds the lock). */
    private void render(ExpositionFormat format) {
        writer.begin(format);
        MetricSink sink = chain == null ? writer : chain.begin();
        if (fidelity != null && fidelity.level() > 0) {
            collectors.collect(sink, throttled);
        } else {
            collectors.collect(sink);
        }
        for (int i = 0; i < sources.size(); i++) {
            sink.checkpoint();
            try {
                sources.get(i).write(sink);
            } catch (RuntimeException e) {
                sink.rollback();
            }
        }
        if (chain != null) {
            chain.end();
        }
        writer.finish();
    }

    /** One exposition as a String (tests, tools). */
    public String renderToString(ExpositionFormat format) {
        lock.lock();
        try {
            render(format);
            return text.toString();
        } finally {
            lock.unlock();
        }
    }
}
