package dev.ktel.store.api.event;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits a message into lower-case words the way a full-text index does, so that the reference store and the
 * Lucene store agree on which messages a text query matches. A word is a run of letters, digits and {@code _};
 * as in Unicode word segmentation (UAX #29, which Lucene's standard tokenizer implements), a single {@code .}
 * or {@code '} between two letters or two digits, a {@code :} between two letters and a {@code ,} or {@code ;}
 * between two digits do not break a word: {@code memory.max}, {@code 1.5} and {@code 10,000} are one word each.
 */
public final class MessageWords {
  private MessageWords() {
  }

  public static List<String> of(String text) {
    List<String> out = new ArrayList<>();
    int n = text.length();
    int i = 0;
    while (i < n) {
      if (!isWordChar(text.charAt(i))) {
        i++;
        continue;
      }
      int start = i;
      boolean hasAlnum = false;
      while (i < n) {
        char c = text.charAt(i);
        if (isWordChar(c)) {
          hasAlnum |= c != '_';
          i++;
        } else if (i > start && i + 1 < n && joins(text.charAt(i - 1), c, text.charAt(i + 1))) {
          i++;
        } else {
          break;
        }
      }
      if (hasAlnum) {
        out.add(text.substring(start, i).toLowerCase(Locale.ROOT));
      }
    }
    return out;
  }

  static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }

  private static boolean joins(char before, char mid, char after) {
    boolean letters = Character.isLetter(before) && Character.isLetter(after);
    boolean digits = Character.isDigit(before) && Character.isDigit(after);
    return switch (mid) {
      case '.', '\'' -> letters || digits;
      case ':' -> letters;
      case ',', ';' -> digits;
      default -> false;
    };
  }
}
