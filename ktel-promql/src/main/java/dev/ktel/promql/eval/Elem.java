package dev.ktel.promql.eval;

import dev.ktel.store.api.Labels;

/**
 * One element of an intermediate instant vector. {@code t} is the underlying sample time (timestamp() needs it);
 * {@code dropName} marks the metric name for removal at the end of evaluation (delayed name removal).
 */
record Elem(Labels labels, double v, long t, boolean dropName) {
  Elem withValue(double nv) {
    return new Elem(labels, nv, t, dropName);
  }

  Elem dropped(double nv) {
    return new Elem(labels, nv, t, true);
  }
}
