package dev.ktel.promql.parser;

/** Lexical token kinds of PromQL. Keywords are IDENT tokens, recognised case-insensitively by the parser. */
public enum TokenType {
  NUMBER, DURATION, STRING, IDENT, LEFT_PAREN, RIGHT_PAREN, LEFT_BRACE, RIGHT_BRACE, LEFT_BRACKET, RIGHT_BRACKET,
  COMMA, COLON, AT, ASSIGN, EQL, NEQ, LSS, LTE, GTR, GTE, EQL_REGEX, NEQ_REGEX, ADD, SUB, MUL, DIV, MOD, POW, EOF
}
