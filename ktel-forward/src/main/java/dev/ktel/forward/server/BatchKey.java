package dev.ktel.forward.server;

import dev.ktel.forward.wire.PayloadException;

/**
 * The idempotency key of a batch, sent as {@code X-Ktel-Batch: <agent-id>/<seq>}: the agent id is unique per
 * agent (and its buffer directory), the sequence increases by at least one per batch.
 */
public record BatchKey(String agent, long sequence) {
    public static final String HEADER = "X-Ktel-Batch";

    public static BatchKey parse(String header) throws PayloadException {
        int slash = header.lastIndexOf('/');
        if (slash <= 0 || slash == header.length() - 1) {
            throw new PayloadException(HEADER, "expected <agent-id>/<sequence>, got \"" + header + "\"");
        }
        String agent = header.substring(0, slash);
        if (agent.length() > 256) {
            throw new PayloadException(HEADER, "agent id longer than 256 characters");
        }
        long seq;
        try {
            seq = Long.parseLong(header.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new PayloadException(HEADER, "sequence is not a number in \"" + header + "\"");
        }
        if (seq <= 0) {
            throw new PayloadException(HEADER, "sequence must be positive, got " + seq);
        }
        return new BatchKey(agent, seq);
    }

    @Override
    public String toString() {
        return agent + "/" + sequence;
    }
}
