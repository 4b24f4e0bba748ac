package dev.ktel.eventstore.index;

import dev.ktel.core.event.Event;
import dev.ktel.eventstore.codec.EventCodec;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.util.BytesRef;

/**
 * How an event becomes a Lucene document. Filters are exact-match keyword fields and points; the message is the one
 * analyzed field; the whole event is kept once, in its {@link EventCodec} form, so reads decode one stored field.
 */
public final class EventFields {
  /** Content id (128 bits), the update term that makes appends and WAL replay idempotent. */
  public static final String ID = "id";
  /** Event time: a point for ranges, doc values for sorting. */
  public static final String TIME = "ts";
  /** Store sequence: arrival order, breaks ties in time; point for retention, doc values for sorting. */
  public static final String SEQ = "seq";
  public static final String TYPE = "type";
  public static final String HOST = "host";
  /** Severity ordinal (0 = emerg), so "at least err" is the range [0, 3]. */
  public static final String SEVERITY = "sev";
  public static final String MESSAGE = "msg";
  public static final String SOURCE = "src";
  /** Prefix of correlation-key fields ({@code k.pod}, {@code k.cgroup}, ...). */
  public static final String KEY_PREFIX = "k.";
  /** Prefix of attribute fields ({@code a.pid}, ...). */
  public static final String ATTR_PREFIX = "a.";

  private EventFields() {
  }

  public static Document document(Event e, long seq, byte[] encoded, byte[] id) {
    Document d = new Document();
    d.add(new StringField(ID, new BytesRef(id), Field.Store.NO));
    d.add(new LongPoint(TIME, e.timestampNanos()));
    d.add(new NumericDocValuesField(TIME, e.timestampNanos()));
    d.add(new LongPoint(SEQ, seq));
    d.add(new NumericDocValuesField(SEQ, seq));
    d.add(new StringField(TYPE, e.type(), Field.Store.NO));
    d.add(new StringField(HOST, e.host(), Field.Store.NO));
    d.add(new IntPoint(SEVERITY, e.severity().ordinal()));
    d.add(new TextField(MESSAGE, e.message(), Field.Store.NO));
    for (Map.Entry<String, String> k : e.key().labels().entrySet()) {
      d.add(new StringField(KEY_PREFIX + k.getKey(), k.getValue(), Field.Store.NO));
    }
    for (Map.Entry<String, String> a : e.attributes().entrySet()) {
      d.add(new StringField(ATTR_PREFIX + a.getKey(), a.getValue(), Field.Store.NO));
    }
    d.add(new StoredField(SOURCE, encoded));
    return d;
  }
}
