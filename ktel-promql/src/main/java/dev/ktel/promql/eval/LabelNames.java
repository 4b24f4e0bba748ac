package dev.ktel.promql.eval;

/** Label name validity (UTF-8 names are allowed in Prometheus 3; invalid UTF-8 and empty names are not). */
final class LabelNames {
  private LabelNames() {
  }

  static boolean valid(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c >= 0xDC80 && c <= 0xDCFF || c == 0xFFFD) {
        return false;
      }
    }
    return true;
  }
}
