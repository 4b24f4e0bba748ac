package dev.ktel.forward.server;

import dev.ktel.core.event.Event;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Server-side ingest settings.
 *
 * @param token      the bearer token clients must send, or null to accept unauthenticated writes (only sensible on
 *                   loopback)
 * @param eventSink  where decoded events go (the event store); it must be durable when it returns and tolerate a
 *                   replayed batch (see the README: events are at-least-once towards the sink)
 */
public record IngestOptions(byte[] token, Consumer<List<Event>> eventSink) {

    public static IngestOptions open() {
        return new IngestOptions(null, events -> { });
    }

    public static IngestOptions withToken(String token) {
        return new IngestOptions(token.getBytes(StandardCharsets.UTF_8), events -> { });
    }

    /** Reads the token from a file (first line, trimmed), as {@code --token-file} does. */
    public static byte[] readToken(Path file) throws IOException {
        String s = Files.readString(file, StandardCharsets.UTF_8).strip();
        int nl = s.indexOf('\n');
        if (nl >= 0) {
            s = s.substring(0, nl).strip();
        }
        if (s.isEmpty()) {
            throw new IOException(file + ": token file is empty");
        }
        return s.getBytes(StandardCharsets.UTF_8);
    }

    public IngestOptions withEventSink(Consumer<List<Event>> sink) {
        return new IngestOptions(token, sink);
    }
}
