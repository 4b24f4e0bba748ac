package dev.ktel.store.api;

import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A label matcher as in PromQL selectors: {@code =}, {@code !=}, {@code =~}, {@code !~}. Regular expressions are
 * fully anchored (they must match the whole value). An absent label has the value "", so {@code foo!="x"} matches
 * series without {@code foo} and {@code foo=""} selects series without it.
 */
public final class Matcher {
  public enum Type {
    EQUAL("="), NOT_EQUAL("!="), REGEX("=~"), NOT_REGEX("!~");

    private final String op;

    Type(String op) {
      this.op = op;
    }

    public String op() {
      return op;
    }
  }

  private final Type type;
  private final String name;
  private final String value;
  private final Pattern pattern;

  private Matcher(Type type, String name, String value) {
    this.type = Objects.requireNonNull(type);
    this.name = Objects.requireNonNull(name);
    this.value = Objects.requireNonNull(value);
    if (type == Type.REGEX || type == Type.NOT_REGEX) {
      try {
        this.pattern = Pattern.compile(value, Pattern.DOTALL);
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException("matcher " + name + type.op + "\"" + value + "\": invalid regex: "
            + e.getDescription(), e);
      }
    } else {
      this.pattern = null;
    }
  }

  public static Matcher of(Type type, String name, String value) {
    return new Matcher(type, name, value);
  }

  public static Matcher eq(String name, String value) {
    return new Matcher(Type.EQUAL, name, value);
  }

  public static Matcher neq(String name, String value) {
    return new Matcher(Type.NOT_EQUAL, name, value);
  }

  public static Matcher re(String name, String regex) {
    return new Matcher(Type.REGEX, name, regex);
  }

  public static Matcher nre(String name, String regex) {
    return new Matcher(Type.NOT_REGEX, name, regex);
  }

  /** Shorthand for {@code __name__="name"}. */
  public static Matcher metricName(String name) {
    return eq(Labels.METRIC_NAME, name);
  }

  public Type type() {
    return type;
  }

  public String name() {
    return name;
  }

  public String value() {
    return value;
  }

  /** Whether a label value (use "" for an absent label) satisfies this matcher. */
  public boolean matches(String v) {
    return switch (type) {
      case EQUAL -> value.equals(v);
      case NOT_EQUAL -> !value.equals(v);
      case REGEX -> pattern.matcher(v).matches();
      case NOT_REGEX -> !pattern.matcher(v).matches();
    };
  }

  /** Whether the series' labels satisfy this matcher. */
  public boolean matches(Labels labels) {
    return matches(labels.get(name));
  }

  /** True when an absent label passes: such a matcher cannot narrow the candidates through postings alone. */
  public boolean matchesEmpty() {
    return matches("");
  }

  /** True when every series matching all matchers satisfies them. */
  public static boolean matchesAll(Labels labels, Matcher... matchers) {
    for (Matcher m : matchers) {
      if (!m.matches(labels)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Matcher m && m.type == type && m.name.equals(name) && m.value.equals(value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, name, value);
  }

  @Override
  public String toString() {
    return name + type.op + "\"" + value + "\"";
  }
}
