package dev.ktel.core.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A small HTTP/1.1 server for the agent's endpoints: keep-alive, Content-Length bodies, exact and prefix
 * routes. Hand-written because the scrape path is the agent's hot path: with the JDK's
 * com.sun.net.httpserver the HTTP layer alone cost about as much as collecting (shared measurements).
 *
 * <p>Threading: platform worker threads accept and serve the connection they get, so a request involves no
 * hand-off between threads. Measured on a 2-vCPU VM, a virtual thread per connection cost ~0.55 ms of CPU
 * per request more (scheduler and poller wake-ups) than serving on the accepting thread, which is more than
 * collecting most of /proc. By default one worker accepts: with several blocked in {@code accept()} the
 * JDK's accept lock hands each new connection's turn to the next waiter (a futex wake and a context switch
 * per connection) and the workers take turns, each with its own cold buffers. A worker whose keep-alive
 * connection stays idle longer than {@link #GRACE_MS} starts another (up to {@link #MAX_WORKERS}), so an
 * idle connection never starves new clients; a client that closes right after its answer (one scrape per
 * connection) costs no thread. An idle keep-alive connection holds a worker until {@link #IDLE_TIMEOUT_MS};
 * a surplus worker ends once its connection is done and another worker accepts. Deliberately small: no chunked request bodies (411), no pipelining beyond
 * sequential keep-alive, headers capped at 16 KiB, bodies at 16 MiB.
 */
public final class HttpServer implements AutoCloseable {
    private static final int MAX_HEAD = 16 * 1024;
    private static final int MAX_BODY = 16 * 1024 * 1024;
    static final int IDLE_TIMEOUT_MS = 30_000;
    private static final int DEFAULT_WORKERS = 1;
    /** Extra workers are started while every worker holds a connection, up to this many in all. */
    private static final int MAX_WORKERS = 64;
    /**
     * How long a worker waits for the next request on a kept-alive connection before it starts another
     * worker to accept new connections. Longer than a client takes to close after reading its answer, even
     * on a loaded machine (a surplus worker costs a thread start and, once it ends, a thread exit).
     */
    static final int GRACE_MS = 100;
    /** Bodies up to this size are sent in the same write as the header; larger ones in a second write. */
    private static final int MAX_COPIED_BODY = 512 * 1024;

    private final InetSocketAddress bindAddress;
    private final Map<String, HttpHandler> exact = new ConcurrentHashMap<>();
    private final List<Map.Entry<String, HttpHandler>> prefixes = new ArrayList<>();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    /** Buffers of ended workers, taken by the next started one (they are ~100 KiB; the young generation is small). */
    private final java.util.concurrent.ConcurrentLinkedQueue<Connection> idleBuffers =
            new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final AtomicLong requests = new AtomicLong();
    private volatile Consumer<Throwable> errorLog = t -> { };
    private ServerSocket server;
    private final List<Thread> workers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger threads = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger accepting = new java.util.concurrent.atomic.AtomicInteger();
    private final int workerCount;
    private volatile boolean closed;
    private javax.net.ssl.SSLContext tls;
    private volatile boolean concurrentHandlers;
    private volatile long workerStack = 256 * 1024;

    public HttpServer(InetSocketAddress bindAddress) {
        this(bindAddress, DEFAULT_WORKERS);
    }

    /** A server whose {@code workers} threads each accept and serve one connection at a time. */
    public HttpServer(InetSocketAddress bindAddress, int workers) {
        this.bindAddress = bindAddress;
        this.workerCount = Math.max(1, workers);
    }

    /**
     * For servers whose handlers may run long (queries, ingest): before a handler runs, a worker is started if none
     * is left accepting, so one slow request never holds up the others; workers get 1 MiB stacks (recursive query
     * evaluation). The agent keeps the default: its handlers are short and one accepting worker is cheapest.
     */
    public HttpServer concurrentHandlers() {
        this.concurrentHandlers = true;
        this.workerStack = 1024 * 1024;
        return this;
    }

    /** Routes requests whose path equals {@code path}. */
    public HttpServer route(String path, HttpHandler handler) {
        exact.put(path, handler);
        return this;
    }

    /** Routes requests whose path starts with {@code prefix} (longest prefix wins). */
    public synchronized HttpServer routePrefix(String prefix, HttpHandler handler) {
        prefixes.add(Map.entry(prefix, handler));
        prefixes.sort((a, b) -> b.getKey().length() - a.getKey().length());
        return this;
    }

    /** Where unexpected handler failures are reported (the server answers 500 and goes on). */
    public HttpServer onError(Consumer<Throwable> log) {
        this.errorLog = log;
        return this;
    }

    /**
     * Serves HTTPS with this context (see {@link PemTls#serverContext}); call before {@link #start()}. The TLS
     * handshake runs on the worker that accepted the connection, on its first read; without TLS nothing changes.
     */
    public HttpServer tls(javax.net.ssl.SSLContext context) {
        this.tls = context;
        return this;
    }

    public HttpServer start() throws IOException {
        server = tls == null ? new ServerSocket() : tls.getServerSocketFactory().createServerSocket();
        server.setReuseAddress(true);
        server.bind(bindAddress, 64);
        for (int i = 0; i < workerCount; i++) {
            startWorker();
        }
        return this;
    }

    private synchronized void startWorker() {
        if (closed || threads.get() >= MAX_WORKERS) {
            return;
        }
        threads.incrementAndGet();
        workers.add(Thread.ofPlatform().name("http-" + workers.size()).daemon(true).stackSize(workerStack)
                .start(this::acceptLoop));
    }

    /** The bound port (useful with port 0). */
    public int port() {
        return server.getLocalPort();
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(server.getInetAddress(), server.getLocalPort());
    }

    /** Worker threads now running (for tests: one-connection-per-request clients need only one). */
    int workerThreads() {
        return threads.get();
    }

    public long requestCount() {
        return requests.get();
    }

    /**
     * One worker: accept a connection, serve it until it closes, repeat. A keep-alive connection holds its
     * worker, so when a worker's connection waits past {@link #GRACE_MS} and none is left accepting, another
     * is started (up to {@link #MAX_WORKERS}); a worker beyond the initial count ends once it is done and
     * others accept.
     */
    private void acceptLoop() {
        Connection idle = idleBuffers.poll();
        Connection conn = idle != null ? idle : new Connection();
        try {
            while (!closed) {
                Socket s;
                accepting.incrementAndGet();
                try {
                    s = server.accept();
                    s.setTcpNoDelay(true);
                    s.setSoTimeout(GRACE_MS);
                } catch (IOException e) {
                    if (!closed) {
                        errorLog.accept(e);
                    }
                    continue;
                } finally {
                    accepting.decrementAndGet();
                }
                open.add(s);
                try {
                    serve(s, conn);
                } finally {
                    open.remove(s);
                }
                if (threads.get() > workerCount && accepting.get() > 0) {
                    return;
                }
            }
        } finally {
            conn.socket = null;
            conn.stream = null;
            if (idleBuffers.size() < 4) {
                idleBuffers.add(conn);
            }
            threads.decrementAndGet();
            workers.remove(Thread.currentThread());
        }
    }

    /**
     * Buffers reused by one worker across the connections it serves, and the patience of its reads: each
     * request is first awaited for {@link #GRACE_MS}; past that, another worker is started if none is
     * accepting, and the read goes on up to {@link #IDLE_TIMEOUT_MS}.
     */
    private final class Connection {
        final byte[] head = new byte[MAX_HEAD];
        final byte[] in = new byte[8192];
        final dev.ktel.core.exposition.ByteBuf out = new dev.ktel.core.exposition.ByteBuf(64 * 1024);
        Socket socket;
        InputStream stream;
        boolean patient;
        int pos;
        int limit;

        void reset(Socket s) throws IOException {
            socket = s;
            stream = s.getInputStream();
            pos = 0;
            limit = 0;
        }

        /** Called before each request: its first wait is short again. */
        void impatient() throws IOException {
            if (patient) {
                socket.setSoTimeout(GRACE_MS);
                patient = false;
            }
        }

        private int fill(byte[] b, int off, int len) throws IOException {
            try {
                return stream.read(b, off, len);
            } catch (SocketTimeoutException e) {
                if (patient) {
                    throw e;
                }
                // this connection may stay idle for long: let another worker take new connections
                patient = true;
                socket.setSoTimeout(IDLE_TIMEOUT_MS);
                if (accepting.get() == 0) {
                    startWorker();
                }
                return stream.read(b, off, len);
            }
        }

        int read() throws IOException {
            if (pos == limit) {
                limit = fill(in, 0, in.length);
                pos = 0;
                if (limit <= 0) {
                    limit = 0;
                    return -1;
                }
            }
            return in[pos++] & 0xff;
        }

        byte[] readBody(int len) throws IOException {
            byte[] body = new byte[len];
            int n = Math.min(len, limit - pos);
            System.arraycopy(in, pos, body, 0, n);
            pos += n;
            while (n < len) {
                int r = fill(body, n, len - n);
                if (r < 0) {
                    throw new EOFException("connection closed inside request body");
                }
                n += r;
            }
            return body;
        }
    }

    private void serve(Socket socket, Connection conn) {
        try (socket) {
            conn.reset(socket);
            conn.patient = false;
            OutputStream out = socket.getOutputStream();
            while (!closed) {
                conn.impatient();
                HttpRequest req;
                try {
                    req = readRequest(conn, (InetSocketAddress) socket.getRemoteSocketAddress());
                } catch (HttpException e) {
                    HttpResponse res = new HttpResponse().text(e.status(), e.getMessage() + "\n");
                    write(out, conn.out, res, false, false);
                    return;
                }
                if (req == null) {
                    return; // client closed between requests
                }
                requests.incrementAndGet();
                boolean keepAlive = keepAlive(req);
                HttpResponse res = new HttpResponse();
                try {
                    dispatch(req, res);
                    write(out, conn.out, res, keepAlive, req.method().equals("HEAD"));
                } finally {
                    res.released();
                }
                if (!keepAlive) {
                    return;
                }
            }
        } catch (SocketTimeoutException | EOFException e) {
            // idle keep-alive connection or client went away mid-request
        } catch (SocketException e) {
            // reset by peer, or closed at shutdown
        } catch (IOException e) {
            if (!closed) {
                errorLog.accept(e);
            }
        }
    }

    /** Runs the handler for a request in-process (also used by tests). */
    public void dispatch(HttpRequest req, HttpResponse res) {
        HttpHandler h = exact.get(req.path());
        if (h == null) {
            synchronized (this) {
                for (Map.Entry<String, HttpHandler> e : prefixes) {
                    if (req.path().startsWith(e.getKey())) {
                        h = e.getValue();
                        break;
                    }
                }
            }
        }
        if (h == null) {
            res.text(404, "404 page not found\n");
            return;
        }
        if (concurrentHandlers && accepting.get() == 0) {
            startWorker();
        }
        try {
            h.handle(req, res);
        } catch (HttpException e) {
            res.text(e.status(), e.getMessage() + "\n");
        } catch (Exception | Error e) {
            errorLog.accept(e);
            res.headers().clear();
            res.text(500, "internal error: " + e + "\n");
        }
    }

    private static boolean keepAlive(HttpRequest req) {
        String conn = req.header("connection");
        if (req.version().equals("HTTP/1.0")) {
            return conn != null && conn.equalsIgnoreCase("keep-alive");
        }
        return conn == null || !conn.equalsIgnoreCase("close");
    }

    /** Reads one request; null on a clean EOF before any byte. */
    private static HttpRequest readRequest(Connection in, InetSocketAddress remote) throws IOException {
        byte[] head = in.head;
        int n = 0;
        int headEnd = -1;
        while (headEnd < 0) {
            if (n == head.length) {
                throw new HttpException(431, "bad_data", "request header larger than " + MAX_HEAD + " bytes");
            }
            int b = in.read();
            if (b < 0) {
                if (n == 0) {
                    return null;
                }
                throw new EOFException("connection closed inside request header");
            }
            head[n++] = (byte) b;
            if (n >= 2 && head[n - 1] == '\n' && (head[n - 2] == '\n'
                    || (n >= 4 && head[n - 2] == '\r' && head[n - 3] == '\n' && head[n - 4] == '\r'))) {
                headEnd = n;
            }
            if (n == 2 && head[0] == '\r' && head[1] == '\n') {
                n = 0; // tolerate a stray CRLF between requests
            }
        }
        String text = new String(head, 0, headEnd, StandardCharsets.ISO_8859_1);
        int eol = text.indexOf('\n');
        String requestLine = text.substring(0, eol > 0 && text.charAt(eol - 1) == '\r' ? eol - 1 : eol);
        int sp1 = requestLine.indexOf(' ');
        int sp2 = sp1 < 0 ? -1 : requestLine.indexOf(' ', sp1 + 1);
        if (sp1 <= 0 || sp2 < 0 || requestLine.indexOf(' ', sp2 + 1) >= 0
                || !requestLine.startsWith("HTTP/1.", sp2 + 1)) {
            throw new HttpException(400, "bad_data", "malformed request line: " + requestLine);
        }
        String method = requestLine.substring(0, sp1);
        String target = requestLine.substring(sp1 + 1, sp2);
        String version = requestLine.substring(sp2 + 1);
        Map<String, String> headers = new LinkedHashMap<>();
        int pos = eol + 1;
        while (pos < text.length()) {
            int end = text.indexOf('\n', pos);
            if (end < 0) {
                end = text.length();
            }
            int lineEnd = end > pos && text.charAt(end - 1) == '\r' ? end - 1 : end;
            if (lineEnd > pos) {
                int colon = text.indexOf(':', pos);
                if (colon <= pos || colon >= lineEnd) {
                    throw new HttpException(400, "bad_data", "malformed header line: " + text.substring(pos, lineEnd));
                }
                String name = text.substring(pos, colon).trim().toLowerCase(java.util.Locale.ROOT);
                String value = text.substring(colon + 1, lineEnd).trim();
                headers.merge(name, value, (a, b) -> a + ", " + b);
            }
            pos = end + 1;
        }
        byte[] body = new byte[0];
        String te = headers.get("transfer-encoding");
        if (te != null && !te.equalsIgnoreCase("identity")) {
            throw new HttpException(411, "bad_data", "chunked request bodies are not supported; send Content-Length");
        }
        String cl = headers.get("content-length");
        if (cl != null) {
            long len;
            try {
                len = Long.parseLong(cl.trim());
            } catch (NumberFormatException e) {
                throw new HttpException(400, "bad_data", "invalid Content-Length: " + cl);
            }
            if (len < 0 || len > MAX_BODY) {
                throw new HttpException(413, "bad_data", "request body of " + len + " bytes exceeds " + MAX_BODY);
            }
            body = in.readBody((int) len);
        }
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        String query = q < 0 ? "" : target.substring(q + 1);
        return new HttpRequest(method, path, query, version, headers, body, remote);
    }

    private static final byte[] CRLF = {'\r', '\n'};

    private static void write(OutputStream out, dev.ktel.core.exposition.ByteBuf buf, HttpResponse res,
            boolean keepAlive, boolean headOnly) throws IOException {
        StringBuilder h = new StringBuilder(160);
        h.append("HTTP/1.1 ").append(res.status()).append(' ').append(reason(res.status())).append("\r\n");
        for (Map.Entry<String, String> e : res.headers().entrySet()) {
            h.append(e.getKey()).append(": ").append(e.getValue()).append("\r\n");
        }
        h.append("Content-Length: ").append(res.bodyLength()).append("\r\n");
        if (!keepAlive) {
            h.append("Connection: close\r\n");
        }
        h.append("\r\n");
        // one write per response: header and body in one buffer, so one syscall and no Nagle interplay
        buf.clear();
        buf.put(h.toString());
        boolean small = res.bodyLength() <= MAX_COPIED_BODY;
        if (!headOnly && small) {
            buf.put(res.bodyArray(), res.bodyOffset(), res.bodyLength());
        }
        out.write(buf.array(), 0, buf.length());
        if (!headOnly && !small) {
            out.write(res.bodyArray(), res.bodyOffset(), res.bodyLength());
        }
        out.flush();
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 204 -> "No Content";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 406 -> "Not Acceptable";
            case 411 -> "Length Required";
            case 413 -> "Payload Too Large";
            case 422 -> "Unprocessable Entity";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> "Status";
        };
    }

    @Override
    public void close() {
        closed = true;
        try {
            if (server != null) {
                server.close();
            }
        } catch (IOException ignored) {
            // already closed
        }
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException ignored) {
                // best effort at shutdown
            }
        }
        for (Thread t : workers) {
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
