package dev.ktel.forward.it;

import java.nio.file.Path;

/** Child-JVM ingest server: {@code ServerMain <data-dir> <port> <token>}; prints READY and serves until killed. */
public final class ServerMain {
    private ServerMain() {
    }

    public static void main(String[] args) throws Exception {
        StoreServer s = new StoreServer(Path.of(args[0]), Integer.parseInt(args[1]), args[2]);
        Runtime.getRuntime().addShutdownHook(new Thread(s::close));
        System.out.println("READY " + s.port());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
