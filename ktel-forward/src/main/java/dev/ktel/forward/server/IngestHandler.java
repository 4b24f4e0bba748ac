package dev.ktel.forward.server;

import dev.ktel.core.http.HttpHandler;
import dev.ktel.core.http.HttpRequest;
import dev.ktel.core.http.HttpResponse;
import dev.ktel.core.http.HttpServer;
import dev.ktel.forward.wire.Batch;
import dev.ktel.forward.wire.BatchCodec;
import dev.ktel.forward.wire.Compression;
import dev.ktel.forward.wire.PayloadException;
import dev.ktel.forward.wire.WriteSeries;
import dev.ktel.store.api.Appender;
import dev.ktel.store.api.SampleRejectedException;
import dev.ktel.store.api.SeriesStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives writes: ktel batches at {@value #KTEL_PATH} (zstd by default) and Prometheus remote write 1.0 at
 * {@value #REMOTE_WRITE_PATH} (snappy by default). Authenticates the bearer token, decodes, appends to the store and
 * commits <em>before</em> answering 2xx, so an acknowledged batch is durable under the store's fsync policy. A batch
 * whose {@code X-Ktel-Batch} key is already committed is acknowledged without storing it again ({@link DedupLedger}).
 *
 * <p>Answers: 204 stored (or duplicate, with {@code X-Ktel-Duplicate: true}); 400 undecodable payload, naming the
 * field (a retry cannot help); 401 bad token; 503 the store refused the commit (retry later).
 */
public final class IngestHandler implements HttpHandler {
    public static final String KTEL_PATH = "/api/ktel/v1/write";
    public static final String REMOTE_WRITE_PATH = "/api/v1/write";
    private static final Logger LOG = LoggerFactory.getLogger(IngestHandler.class);

    private final SeriesStore store;
    private final IngestOptions options;
    private final DedupLedger ledger;
    private final IngestMetrics metrics = new IngestMetrics();
    private final ConcurrentHashMap<String, ReentrantLock> agentLocks = new ConcurrentHashMap<>();

    public IngestHandler(SeriesStore store, IngestOptions options) {
        this.store = store;
        this.options = options;
        this.ledger = new DedupLedger(store);
    }

    /** Routes both write endpoints of {@code server} to a new handler and returns it (for its metrics). */
    public static IngestHandler register(HttpServer server, SeriesStore store, IngestOptions options) {
        IngestHandler h = new IngestHandler(store, options);
        server.route(KTEL_PATH, h).route(REMOTE_WRITE_PATH, h);
        return h;
    }

    public IngestMetrics metrics() {
        return metrics;
    }

    @Override
    public void handle(HttpRequest req, HttpResponse res) {
        if (!req.method().equals("POST")) {
            metrics.errors.inc("method");
            res.header("Allow", "POST").text(405, "method " + req.method() + " not allowed; POST a batch\n");
            return;
        }
        if (!authorized(req.header("authorization"))) {
            metrics.errors.inc("unauthorized");
            res.header("WWW-Authenticate", "Bearer").text(401, "missing or wrong bearer token\n");
            return;
        }
        boolean remoteWrite = req.path().equals(REMOTE_WRITE_PATH);
        Batch batch;
        BatchKey key;
        try {
            Compression c = Compression.fromHeader(req.header("content-encoding"),
                    remoteWrite ? Compression.SNAPPY : Compression.ZSTD);
            batch = BatchCodec.decode(c.decompress(req.body()));
            String k = req.header("x-ktel-batch");
            key = k == null ? null : BatchKey.parse(k);
        } catch (PayloadException e) {
            metrics.errors.inc("bad_payload");
            LOG.atWarn().addKeyValue("remote", req.remote()).addKeyValue("path", req.path())
                    .log("bad payload: {}", e.getMessage());
            res.text(400, "bad payload: " + e.getMessage() + "\n");
            return;
        }
        try {
            if (key == null) {
                store(batch, null);
            } else {
                ReentrantLock lock = agentLocks.computeIfAbsent(key.agent(), a -> new ReentrantLock());
                lock.lock();
                try {
                    if (ledger.seen(key)) {
                        metrics.duplicates.increment();
                        res.header("X-Ktel-Duplicate", "true").status(204);
                        return;
                    }
                    store(batch, key);
                } finally {
                    lock.unlock();
                }
            }
        } catch (RuntimeException e) {
            metrics.errors.inc("store");
            LOG.atError().setCause(e).log("commit failed; answering 503 so the sender retries");
            res.header("Retry-After", "1").text(503, "store unavailable: " + e.getMessage() + "\n");
            return;
        }
        metrics.batches.inc(remoteWrite ? "remote_write" : "ktel");
        res.status(204);
    }

    /** Events first (the sink is durable and tolerates a replay), then samples and the dedup marker in one commit. */
    private void store(Batch batch, BatchKey key) {
        if (!batch.events().isEmpty()) {
            options.eventSink().accept(batch.events());
            metrics.events.add(batch.events().size());
        }
        Appender app = store.appender();
        long[] distinct = new long[8];
        int nd = 0;
        try {
            for (WriteSeries s : batch.series()) {
                for (int i = 0; i < s.size(); i++) {
                    long t = s.timestamps()[i];
                    try {
                        app.append(s.labels(), t, s.values()[i]);
                    } catch (SampleRejectedException e) {
                        metrics.rejected.inc(e.reason().name().toLowerCase(Locale.ROOT));
                    }
                    if (nd == 0 || distinct[nd - 1] != t) {
                        nd = addDistinct(distinct, nd, t);
                    }
                }
            }
            long marker = key == null ? 0 : ledger.mark(app, key, System.currentTimeMillis());
            app.commit();
            if (key != null) {
                ledger.committed(key, marker);
            }
        } catch (RuntimeException e) {
            app.rollback();
            throw e;
        }
        metrics.samples.add(batch.sampleCount());
        double now = System.currentTimeMillis();
        for (int i = 0; i < nd; i++) {
            metrics.latency.observe(Math.max(0, now - distinct[i]) / 1000.0);
        }
    }

    /** Collection timestamps of a batch: few distinct values, kept in a small array (at most 8 observed). */
    private static int addDistinct(long[] d, int n, long t) {
        for (int i = 0; i < n; i++) {
            if (d[i] == t) {
                return n;
            }
        }
        if (n < d.length) {
            d[n++] = t;
        }
        return n;
    }

    private boolean authorized(String header) {
        byte[] token = options.token();
        if (token == null) {
            return true;
        }
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] given = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(token, given); // constant time for equal lengths
    }

    /** Agents with a committed batch (for tests and status). */
    public int knownAgents() {
        return ledger.agents();
    }
}
