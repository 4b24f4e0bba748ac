package dev.ktel.promql.eval;

import dev.ktel.promql.PromqlException;
import dev.ktel.promql.ast.Call;
import dev.ktel.promql.parser.Regexes;
import dev.ktel.store.api.Labels;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** label_replace and label_join. Setting __name__ keeps the (new) name even after a name-dropping function. */
final class LabelFunctions {
  private LabelFunctions() {
  }

  static Vecs replace(Evaluator ev, Call c, Grid g) {
    Vecs in = ev.vector(c.args().get(0), g);
    String dst = (String) ev.eval(c.args().get(1), g);
    String repl = (String) ev.eval(c.args().get(2), g);
    String src = (String) ev.eval(c.args().get(3), g);
    String re = (String) ev.eval(c.args().get(4), g);
    Pattern p;
    try {
      p = Pattern.compile("^(?:" + Regexes.toJava(re) + ")$", Pattern.DOTALL);
    } catch (PatternSyntaxException e) {
      throw PromqlException.execution("invalid regular expression in label_replace(): " + re);
    }
    if (!LabelNames.valid(dst)) {
      throw PromqlException.execution("invalid destination label name in label_replace(): " + dst);
    }
    Vecs out = new Vecs(g.size());
    for (int i = 0; i < g.size(); i++) {
      for (Elem e : in.at(i)) {
        Matcher m = p.matcher(e.labels().get(src));
        if (!m.matches()) {
          out.add(i, e);
          continue;
        }
        String value = expand(repl, m);
        Labels l = e.labels().toBuilder().set(dst, value).build();
        boolean drop = e.dropName() && !(dst.equals(Labels.METRIC_NAME) && !value.isEmpty());
        out.add(i, new Elem(l, e.v(), e.t(), drop));
      }
      checkUnique(out.at(i));
    }
    return out;
  }

  static Vecs join(Evaluator ev, Call c, Grid g) {
    Vecs in = ev.vector(c.args().get(0), g);
    String dst = (String) ev.eval(c.args().get(1), g);
    String sep = (String) ev.eval(c.args().get(2), g);
    List<String> srcs = new ArrayList<>();
    for (int k = 3; k < c.args().size(); k++) {
      String s = (String) ev.eval(c.args().get(k), g);
      if (!LabelNames.valid(s)) {
        throw PromqlException.execution("invalid source label name in label_join(): " + s);
      }
      srcs.add(s);
    }
    if (!LabelNames.valid(dst)) {
      throw PromqlException.execution("invalid destination label name in label_join(): " + dst);
    }
    Vecs out = new Vecs(g.size());
    for (int i = 0; i < g.size(); i++) {
      for (Elem e : in.at(i)) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < srcs.size(); k++) {
          if (k > 0) {
            sb.append(sep);
          }
          sb.append(e.labels().get(srcs.get(k)));
        }
        String value = sb.toString();
        Labels l = e.labels().toBuilder().set(dst, value).build();
        boolean drop = e.dropName() && !(dst.equals(Labels.METRIC_NAME) && !value.isEmpty());
        out.add(i, new Elem(l, e.v(), e.t(), drop));
      }
      checkUnique(out.at(i));
    }
    return out;
  }

  /** Two series becoming identical is an error (their final labels, name removal applied). */
  static void checkUnique(List<Elem> l) {
    Set<Labels> seen = new HashSet<>();
    for (Elem e : l) {
      Labels k = e.dropName() ? Evaluator.withoutName(e.labels()) : e.labels();
      if (!seen.add(k)) {
        throw PromqlException.execution("vector cannot contain metrics with the same labelset");
      }
    }
  }

  /** Go regexp.Expand: $1, ${1}, $name, ${name}, $$; unknown groups expand to "". */
  static String expand(String tmpl, Matcher m) {
    StringBuilder sb = new StringBuilder();
    int i = 0;
    while (i < tmpl.length()) {
      char ch = tmpl.charAt(i);
      if (ch != '$' || i + 1 >= tmpl.length()) {
        sb.append(ch);
        i++;
        continue;
      }
      char n = tmpl.charAt(i + 1);
      if (n == '$') {
        sb.append('$');
        i += 2;
        continue;
      }
      String name;
      if (n == '{') {
        int close = tmpl.indexOf('}', i + 2);
        if (close < 0) {
          sb.append(ch);
          i++;
          continue;
        }
        name = tmpl.substring(i + 2, close);
        i = close + 1;
      } else {
        int j = i + 1;
        while (j < tmpl.length() && (Character.isLetterOrDigit(tmpl.charAt(j)) || tmpl.charAt(j) == '_')) {
          j++;
        }
        if (j == i + 1) {
          sb.append(ch);
          i++;
          continue;
        }
        name = tmpl.substring(i + 1, j);
        i = j;
      }
      sb.append(group(m, name));
    }
    return sb.toString();
  }

  private static String group(Matcher m, String name) {
    String v = null;
    if (name.chars().allMatch(Character::isDigit)) {
      int idx = Integer.parseInt(name);
      if (idx <= m.groupCount()) {
        v = m.group(idx);
      }
    } else {
      try {
        v = m.group(name);
      } catch (IllegalArgumentException e) {
        v = null;
      }
    }
    return v == null ? "" : v;
  }
}
