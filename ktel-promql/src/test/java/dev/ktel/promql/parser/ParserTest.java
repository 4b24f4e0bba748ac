package dev.ktel.promql.parser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktel.promql.PromqlException;
import dev.ktel.promql.PromqlParser;
import dev.ktel.promql.ast.AggregateExpr;
import dev.ktel.promql.ast.AggregateOp;
import dev.ktel.promql.ast.BinaryExpr;
import dev.ktel.promql.ast.BinaryOp;
import dev.ktel.promql.ast.Call;
import dev.ktel.promql.ast.Expr;
import dev.ktel.promql.ast.MatrixSelector;
import dev.ktel.promql.ast.NumberLiteral;
import dev.ktel.promql.ast.SubqueryExpr;
import dev.ktel.promql.ast.UnaryExpr;
import dev.ktel.promql.ast.VectorMatching;
import dev.ktel.promql.ast.VectorSelector;
import dev.ktel.store.api.Matcher;
import org.junit.jupiter.api.Test;

class ParserTest {
  private static PromqlException parseError(String q) {
    try {
      PromqlParser.parse(q);
    } catch (PromqlException e) {
      return e;
    }
    throw new AssertionError("expected a parse error for: " + q);
  }

  @Test
  void errorsCarryLineColumnAndBadDataType() {
    PromqlException e = parseError("sum(rate(foo[5m])");
    assertThat(e.type()).isEqualTo(PromqlException.Type.BAD_DATA);
    assertThat(e.getMessage()).startsWith("1:18: parse error: ");
    assertThat(parseError("foo +\n  )").getMessage()).startsWith("2:3: parse error: unexpected");
    assertThat(parseError("foo{a=\"b\"").getMessage()).startsWith("1:10: parse error:");
    assertThat(parseError("nosuch(foo)").getMessage())
        .isEqualTo("1:1: parse error: unknown function with name \"nosuch\"");
    assertThat(parseError("rate(foo)").getMessage())
        .isEqualTo("1:6: parse error: expected type range vector in call to function \"rate\", got instant vector");
    assertThat(parseError("{a=~\".*\"}").getMessage())
        .isEqualTo("1:1: parse error: vector selector must contain at least one non-empty matcher");
    assertThat(parseError("1 > 2").getMessage()).contains("comparisons between scalars must use BOOL modifier");
    assertThat(parseError("\"x\" + 1").getMessage()).contains("binary expression must contain only scalar");
  }

  @Test
  void unterminatedStringIsReportedWhereItStarts() {
    assertThat(parseError("foo{a=\"b}").getMessage()).startsWith("1:7: parse error: unterminated quoted string");
  }

  @Test
  void precedenceAndAssociativity() {
    BinaryExpr e = (BinaryExpr) PromqlParser.parse("a + b * c ^ d ^ e");
    assertThat(e.op()).isEqualTo(BinaryOp.ADD);
    BinaryExpr mul = (BinaryExpr) e.rhs();
    assertThat(mul.op()).isEqualTo(BinaryOp.MUL);
    BinaryExpr pow = (BinaryExpr) mul.rhs();
    assertThat(pow.op()).isEqualTo(BinaryOp.POW);
    assertThat(((BinaryExpr) pow.rhs()).op()).isEqualTo(BinaryOp.POW); // right-associative
    BinaryExpr sub = (BinaryExpr) PromqlParser.parse("a - b - c");
    assertThat(sub.lhs()).isInstanceOf(BinaryExpr.class); // left-associative
    // unary minus binds weaker than ^: -2^2 = -(2^2)
    Expr neg = PromqlParser.parse("-a ^ 2");
    assertThat(neg).isInstanceOf(UnaryExpr.class);
    assertThat(((NumberLiteral) PromqlParser.parse("-2")).value()).isEqualTo(-2);
  }

  @Test
  void numbersDurationsAndCaseInsensitiveKeywords() {
    assertThat(((NumberLiteral) PromqlParser.parse("0x1F")).value()).isEqualTo(31);
    assertThat(((NumberLiteral) PromqlParser.parse("1h30m")).value()).isEqualTo(5400);
    assertThat(((NumberLiteral) PromqlParser.parse("inF")).value()).isInfinite();
    assertThat(((NumberLiteral) PromqlParser.parse(".5e1")).value()).isEqualTo(5);
    AggregateExpr a = (AggregateExpr) PromqlParser.parse("SUM(foo) BY (job)");
    assertThat(a.op()).isEqualTo(AggregateOp.SUM);
    assertThat(a.grouping()).containsExactly("job");
    assertThat(a.without()).isFalse();
  }

  @Test
  void selectorsWithModifiers() {
    MatrixSelector m = (MatrixSelector) PromqlParser.parse("foo{a!~\"x.*\", \"b.c\"=\"d\"}[5m] offset -1m @ end()");
    VectorSelector vs = m.selector();
    assertThat(vs.matchers()).contains(Matcher.nre("a", "x.*"), Matcher.eq("b.c", "d"));
    assertThat(vs.offset()).isNotNull();
    assertThat(vs.at().kind()).isEqualTo(dev.ktel.promql.ast.At.Kind.END);
    VectorSelector quoted = (VectorSelector) PromqlParser.parse("{\"my.metric\", job=\"x\"}");
    assertThat(quoted.name()).isEqualTo("my.metric");
    SubqueryExpr sq = (SubqueryExpr) PromqlParser.parse("rate(foo[1m])[10m:]");
    assertThat(sq.step()).isNull();
    assertThat(sq.expr()).isInstanceOf(Call.class);
  }

  @Test
  void vectorMatchingModifiers() {
    BinaryExpr b = (BinaryExpr) PromqlParser.parse("a / on(x, y) group_left(z) b");
    VectorMatching m = b.matching();
    assertThat(m.on()).isTrue();
    assertThat(m.matchingLabels()).containsExactly("x", "y");
    assertThat(m.card()).isEqualTo(VectorMatching.Card.MANY_TO_ONE);
    assertThat(m.include()).containsExactly("z");
    assertThat(parseError("a and on(x) group_left b").getMessage()).contains("no grouping allowed for \"and\"");
    BinaryExpr f = (BinaryExpr) PromqlParser.parse("a + fill_left(1) fill_right(2) b");
    assertThat(f.matching().fillLeft()).isEqualTo(1.0);
    assertThat(f.matching().fillRight()).isEqualTo(2.0);
  }

  @Test
  void commentsAreIgnored() {
    assertThat(PromqlParser.parse("foo # a comment\n + 1")).isInstanceOf(BinaryExpr.class);
  }
}
