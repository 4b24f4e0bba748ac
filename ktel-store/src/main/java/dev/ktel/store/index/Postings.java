package dev.ktel.store.index;

import dev.ktel.store.api.Labels;
import dev.ktel.store.api.Matcher;
import java.util.Arrays;

/**
 * Query planning over sorted postings lists: each matcher that rejects the empty value narrows the candidates through
 * the postings of the values it accepts (union), matchers are intersected, and the survivors are checked against all
 * matchers (which handles != and !~ and absent labels).
 */
public final class Postings {
  private Postings() {
  }

  /** Sorted ids of the series matching every matcher. */
  public static int[] select(IndexReader ix, Matcher... matchers) {
    int[] cand = null;
    for (Matcher m : matchers) {
      if (m.matchesEmpty()) {
        continue;
      }
      int[] u;
      if (m.type() == Matcher.Type.EQUAL) {
        u = ix.postings(m.name(), m.value());
      } else {
        u = new int[0];
        for (String v : ix.labelValues(m.name())) {
          if (m.matches(v)) {
            u = union(u, ix.postings(m.name(), v));
          }
        }
      }
      cand = cand == null ? u : intersect(cand, u);
      if (cand.length == 0) {
        return cand;
      }
    }
    int n = cand == null ? ix.size() : cand.length;
    int[] out = new int[n];
    int k = 0;
    for (int i = 0; i < n; i++) {
      int id = cand == null ? i : cand[i];
      Labels l = ix.labels(id);
      if (l != null && Matcher.matchesAll(l, matchers)) {
        out[k++] = id;
      }
    }
    return Arrays.copyOf(out, k);
  }

  public static int[] intersect(int[] a, int[] b) {
    int[] out = new int[Math.min(a.length, b.length)];
    int i = 0, j = 0, k = 0;
    while (i < a.length && j < b.length) {
      if (a[i] < b[j]) {
        i++;
      } else if (a[i] > b[j]) {
        j++;
      } else {
        out[k++] = a[i];
        i++;
        j++;
      }
    }
    return Arrays.copyOf(out, k);
  }

  public static int[] union(int[] a, int[] b) {
    int[] out = new int[a.length + b.length];
    int i = 0, j = 0, k = 0;
    while (i < a.length || j < b.length) {
      if (j >= b.length || (i < a.length && a[i] < b[j])) {
        out[k++] = a[i++];
      } else if (i >= a.length || b[j] < a[i]) {
        out[k++] = b[j++];
      } else {
        out[k++] = a[i++];
        j++;
      }
    }
    return Arrays.copyOf(out, k);
  }
}
