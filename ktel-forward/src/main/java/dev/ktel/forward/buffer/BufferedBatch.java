package dev.ktel.forward.buffer;

/**
 * One batch held by the buffer: its sequence (the idempotency key's second half), class, body format (opaque to
 * the buffer), number of items (samples + events, what a drop counts) and the ready-to-send body.
 */
public record BufferedBatch(long sequence, PriorityClass priority, byte format, int items, byte[] body) {
}
