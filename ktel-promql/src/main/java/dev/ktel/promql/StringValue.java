package dev.ktel.promql;

/** A string literal result at a timestamp (milliseconds). */
public record StringValue(long t, String s) implements Value {
  @Override
  public String typeName() {
    return "string";
  }
}
