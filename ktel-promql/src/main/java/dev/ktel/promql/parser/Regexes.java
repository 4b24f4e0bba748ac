package dev.ktel.promql.parser;

/** Translates Go RE2 regex syntax to java.util.regex where they differ. */
public final class Regexes {
  private Regexes() {
  }

  public static String toJava(String re2) {
    return re2.replace("(?P<", "(?<");
  }
}
