package dev.ktel.eventstore.codec;

import dev.ktel.core.event.CorrelationKey;
import dev.ktel.core.event.Event;
import dev.ktel.core.event.Severity;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The binary form of an event, used in the WAL and as the stored source of an index document. Canonical (the
 * attributes are sorted), so that equal events encode to equal bytes and {@link #contentId} identifies an event by
 * its content. Layout (big-endian): version byte, timestamp (8), sequence (8), severity ordinal (1), then the
 * strings host, type, source, the eight correlation-key fields, the attribute count (4) and each name and value,
 * and the message. A string is its UTF-8 length (4, -1 for null) and bytes.
 */
public final class EventCodec {
  static final byte VERSION = 1;
  /** Bytes of the content id: 128 bits of SHA-256, so collisions are not a practical concern. */
  public static final int ID_BYTES = 16;

  private EventCodec() {
  }

  public static byte[] encode(Event e) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(128 + e.message().length());
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      out.writeLong(e.timestampNanos());
      out.writeLong(e.sequence());
      out.writeByte(e.severity().ordinal());
      string(out, e.host());
      string(out, e.type());
      string(out, e.source());
      CorrelationKey k = e.key();
      for (String f : new String[] {k.cgroup(), k.containerId(), k.runtime(), k.podUid(), k.podName(), k.namespace(),
          k.qosClass(), k.containerName()}) {
        string(out, f);
      }
      out.writeInt(e.attributes().size());
      for (Map.Entry<String, String> a : new TreeMap<>(e.attributes()).entrySet()) {
        string(out, a.getKey());
        string(out, a.getValue());
      }
      string(out, e.message());
    } catch (IOException ex) {
      throw new UncheckedIOException(ex); // cannot happen on a byte array
    }
    return bytes.toByteArray();
  }

  public static Event decode(byte[] b, int off, int len) {
    ByteBuffer in = ByteBuffer.wrap(b, off, len);
    try {
      byte version = in.get();
      if (version != VERSION) {
        throw new EventFormatException("unknown event encoding version " + version + " at byte " + off);
      }
      long ts = in.getLong();
      long seq = in.getLong();
      int sev = in.get();
      if (sev < 0 || sev >= Severity.values().length) {
        throw new EventFormatException("severity ordinal " + sev + " out of range at byte " + (off + 17));
      }
      String host = string(in);
      String type = string(in);
      String source = string(in);
      CorrelationKey key = new CorrelationKey(string(in), string(in), string(in), string(in), string(in), string(in),
          string(in), string(in));
      int n = in.getInt();
      if (n < 0 || n > len) {
        throw new EventFormatException("attribute count " + n + " out of range");
      }
      Map<String, String> attrs = new HashMap<>(n * 2);
      for (int i = 0; i < n; i++) {
        attrs.put(string(in), string(in));
      }
      String message = string(in);
      if (in.position() != off + len) {
        throw new EventFormatException((off + len - in.position()) + " trailing bytes after the event");
      }
      return new Event(ts, host, type, Severity.values()[sev], key, attrs, message, source, seq);
    } catch (BufferUnderflowException | IndexOutOfBoundsException | IllegalArgumentException ex) {
      throw new EventFormatException("truncated or malformed event of " + len + " bytes: " + ex);
    }
  }

  /** 128 bits of the SHA-256 of the encoding: equal events, equal ids. */
  public static byte[] contentId(byte[] encoded) {
    try {
      byte[] full = MessageDigest.getInstance("SHA-256").digest(encoded);
      return java.util.Arrays.copyOf(full, ID_BYTES);
    } catch (NoSuchAlgorithmException ex) {
      throw new IllegalStateException("SHA-256 is required of every JVM", ex);
    }
  }

  private static void string(DataOutputStream out, String s) throws IOException {
    if (s == null) {
      out.writeInt(-1);
      return;
    }
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static String string(ByteBuffer in) {
    int n = in.getInt();
    if (n == -1) {
      return null;
    }
    if (n < 0 || n > in.remaining()) {
      throw new EventFormatException("string length " + n + " exceeds the " + in.remaining() + " bytes left");
    }
    String s = new String(in.array(), in.position(), n, StandardCharsets.UTF_8);
    in.position(in.position() + n);
    return s;
  }
}
