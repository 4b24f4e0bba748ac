package dev.ktel.promql;

import dev.ktel.store.api.Labels;

/** One element of an instant vector: a series identity and its value at time t (milliseconds). */
public record Sample(Labels labels, long t, double v) {
}
