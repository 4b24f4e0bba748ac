package dev.ktel.store.api.event;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A full-text query on event messages: every term must occur as a word of the message (see {@link MessageWords}).
 * A whitespace-separated part ending in {@code *} makes its last word a prefix: {@code "oom kill*"} matches
 * "oom-killer". Case does not matter.
 */
public record TextQuery(String text, List<Term> terms) {
  /** One word to find; {@code prefix} if any word starting with it matches. */
  public record Term(String word, boolean prefix) {
  }

  public TextQuery {
    terms = List.copyOf(terms);
  }

  public static TextQuery parse(String text) {
    List<Term> terms = new ArrayList<>();
    for (String part : text.trim().split("\\s+")) {
      boolean prefix = part.endsWith("*");
      List<String> words = MessageWords.of(prefix ? part.substring(0, part.length() - 1) : part);
      for (int i = 0; i < words.size(); i++) {
        terms.add(new Term(words.get(i), prefix && i == words.size() - 1));
      }
    }
    return new TextQuery(text, terms);
  }

  public boolean isEmpty() {
    return terms.isEmpty();
  }

  /** Whether every term occurs among {@code messageWords}. */
  public boolean matches(Collection<String> messageWords) {
    for (Term t : terms) {
      boolean found = t.prefix() ? messageWords.stream().anyMatch(w -> w.startsWith(t.word()))
          : messageWords.contains(t.word());
      if (!found) {
        return false;
      }
    }
    return true;
  }
}
