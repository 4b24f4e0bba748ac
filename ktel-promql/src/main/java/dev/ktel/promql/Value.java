package dev.ktel.promql;

/** A PromQL result value: one of the four Prometheus result types. */
public sealed interface Value permits Scalar, StringValue, Vector, Matrix {
  /** The Prometheus API name of the type: scalar, string, vector or matrix. */
  String typeName();
}
