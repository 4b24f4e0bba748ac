package dev.ktel.promql.ast;

import java.util.List;

/**
 * A function signature: argument types; variadic: 0 = fixed arity, n > 0 = up to n optional trailing args of the
 * last type, -1 = unlimited.
 */
public record FunctionDef(String name, List<ValueType> argTypes, int variadic, ValueType returnType) {
}
