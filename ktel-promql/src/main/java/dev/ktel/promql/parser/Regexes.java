package dev.ktel.promql.parser;

/** Translates Go RE2 regex syntax to java.util.regex where they differ. */
public final class Regexes {
  private Regexes() {
  }

  private static final String[][] POSIX = {
      {"[:alnum:]", "\\p{Alnum}"}, {"[:alpha:]", "\\p{Alpha}"}, {"[:ascii:]", "\\p{ASCII}"},
      {"[:blank:]", "\\p{Blank}"}, {"[:cntrl:]", "\\p{Cntrl}"}, {"[:digit:]", "\\p{Digit}"},
      {"[:graph:]", "\\p{Graph}"}, {"[:lower:]", "\\p{Lower}"}, {"[:print:]", "\\p{Print}"},
      {"[:punct:]", "\\p{Punct}"}, {"[:space:]", "\\s"}, {"[:upper:]", "\\p{Upper}"},
      {"[:word:]", "\\w"}, {"[:xdigit:]", "\\p{XDigit}"}};

  /** Named groups (?P<n>...) and POSIX classes inside brackets ([[:alpha:]]) are RE2-only spellings. */
  public static String toJava(String re2) {
    String s = re2.replace("(?P<", "(?<");
    if (s.contains("[:")) {
      for (String[] p : POSIX) {
        s = s.replace(p[0], p[1]);
      }
    }
    return s;
  }
}
