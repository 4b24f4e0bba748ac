package dev.ktel.eventstore.index;

import dev.ktel.store.api.event.EventOrder;
import dev.ktel.store.api.event.EventQuery;
import dev.ktel.store.api.event.KeyFilter;
import dev.ktel.store.api.event.TextQuery;
import java.util.Map;
import org.apache.lucene.index.Term;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.WildcardQuery;
import org.apache.lucene.util.BytesRef;

/**
 * Translates an {@link EventQuery} into a Lucene query. Every filter is a non-scoring FILTER clause: results are
 * ordered by time, never by relevance.
 */
public final class EventQueries {
  private EventQueries() {
  }

  public static Query toLucene(EventQuery q) {
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    int clauses = 0;
    if (q.fromNanos() != Long.MIN_VALUE || q.toNanos() != Long.MAX_VALUE) {
      b.add(LongPoint.newRangeQuery(EventFields.TIME, q.fromNanos(), q.toNanos()), Occur.FILTER);
      clauses++;
    }
    if (!q.types().isEmpty()) {
      b.add(new TermInSetQuery(EventFields.TYPE, q.types().stream().map(BytesRef::new).toList()), Occur.FILTER);
      clauses++;
    }
    if (q.minSeverity() != null) {
      b.add(IntPoint.newRangeQuery(EventFields.SEVERITY, 0, q.minSeverity().ordinal()), Occur.FILTER);
      clauses++;
    }
    if (q.host() != null) {
      b.add(new TermQuery(new Term(EventFields.HOST, q.host())), Occur.FILTER);
      clauses++;
    }
    for (KeyFilter f : q.keyFilters()) {
      b.add(keyFilter(f), Occur.FILTER);
      clauses++;
    }
    for (Map.Entry<String, String> a : q.attributes().entrySet()) {
      b.add(new TermQuery(new Term(EventFields.ATTR_PREFIX + a.getKey(), a.getValue())), Occur.FILTER);
      clauses++;
    }
    if (q.text() != null) {
      for (TextQuery.Term t : q.text().terms()) {
        Term term = new Term(EventFields.MESSAGE, t.word());
        b.add(t.prefix() ? new PrefixQuery(term) : new TermQuery(term), Occur.FILTER);
        clauses++;
      }
    }
    return clauses == 0 ? new MatchAllDocsQuery() : b.build();
  }

  /** By time, ties by arrival; newest first reverses both. */
  public static Sort sort(EventOrder order) {
    boolean reverse = order == EventOrder.NEWEST_FIRST;
    return new Sort(new SortField(EventFields.TIME, SortField.Type.LONG, reverse),
        new SortField(EventFields.SEQ, SortField.Type.LONG, reverse));
  }

  private static Query keyFilter(KeyFilter f) {
    BooleanQuery.Builder any = new BooleanQuery.Builder();
    for (String field : f.fields()) {
      Term t = new Term(EventFields.KEY_PREFIX + field, f.exact() ? f.value() : "*" + escape(f.value()) + "*");
      any.add(f.exact() ? new TermQuery(t) : new WildcardQuery(t), Occur.SHOULD);
    }
    return any.setMinimumNumberShouldMatch(1).build();
  }

  /** Escapes the wildcard syntax so that a value is matched literally. */
  static String escape(String v) {
    StringBuilder sb = new StringBuilder(v.length() + 4);
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == '*' || c == '?' || c == '\\') {
        sb.append('\\');
      }
      sb.append(c);
    }
    return sb.toString();
  }
}
