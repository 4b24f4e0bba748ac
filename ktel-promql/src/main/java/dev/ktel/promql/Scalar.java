package dev.ktel.promql;

/** A single number at a timestamp (milliseconds). */
public record Scalar(long t, double v) implements Value {
  @Override
  public String typeName() {
    return "scalar";
  }
}
