package dev.ktel.promql.eval;

import java.util.ArrayList;
import java.util.List;

/** An instant vector for every step of a grid. */
final class Vecs {
  private final List<Elem>[] steps;

  @SuppressWarnings("unchecked")
  Vecs(int n) {
    steps = new List[n];
  }

  int size() {
    return steps.length;
  }

  List<Elem> at(int i) {
    List<Elem> l = steps[i];
    return l == null ? List.of() : l;
  }

  void add(int i, Elem e) {
    List<Elem> l = steps[i];
    if (l == null) {
      l = new ArrayList<>();
      steps[i] = l;
    }
    l.add(e);
  }

  void set(int i, List<Elem> l) {
    steps[i] = l;
  }
}
