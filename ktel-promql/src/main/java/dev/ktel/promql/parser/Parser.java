package dev.ktel.promql.parser;

import dev.ktel.promql.PromqlException;
import dev.ktel.promql.ast.AggregateExpr;
import dev.ktel.promql.ast.AggregateOp;
import dev.ktel.promql.ast.At;
import dev.ktel.promql.ast.BinaryExpr;
import dev.ktel.promql.ast.BinaryOp;
import dev.ktel.promql.ast.Call;
import dev.ktel.promql.ast.DurationExpr;
import dev.ktel.promql.ast.Expr;
import dev.ktel.promql.ast.FunctionDef;
import dev.ktel.promql.ast.Functions;
import dev.ktel.promql.ast.MatrixSelector;
import dev.ktel.promql.ast.NumberLiteral;
import dev.ktel.promql.ast.ParenExpr;
import dev.ktel.promql.ast.StringLiteral;
import dev.ktel.promql.ast.SubqueryExpr;
import dev.ktel.promql.ast.UnaryExpr;
import dev.ktel.promql.ast.ValueType;
import dev.ktel.promql.ast.VectorMatching;
import dev.ktel.promql.ast.VectorSelector;
import dev.ktel.store.api.Labels;
import dev.ktel.store.api.Matcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Recursive-descent PromQL parser with precedence climbing for binary operators. Errors are bad_data
 * {@link PromqlException}s reading "line:col: parse error: what".
 */
public final class Parser {
  private static final Set<String> TIME_FUNCS = Set.of("start", "end", "range", "step", "min_of", "max_of");
  private final String q;
  private final List<Token> toks;
  private int p;

  private Parser(String q) {
    this.q = q;
    this.toks = Lexer.tokenize(q);
  }

  public static Expr parse(String query) {
    Parser ps = new Parser(query);
    if (ps.peek().type() == TokenType.EOF) {
      throw ps.error(0, "no expression found in input");
    }
    Expr e = ps.expr(0);
    if (ps.peek().type() != TokenType.EOF) {
      throw ps.unexpected(ps.peek());
    }
    ps.checkSelectors(e, false);
    return e;
  }

  /** Parses a series description of a promqltest load line or expected result: {@code name{a="b"}}. */
  public static Labels parseSeries(String text) {
    Parser ps = new Parser(text);
    Expr e = ps.primary();
    if (ps.peek().type() != TokenType.EOF) {
      throw ps.unexpected(ps.peek());
    }
    if (!(e instanceof VectorSelector vs)) {
      throw ps.error(0, "not a series description: " + text);
    }
    Labels.Builder b = Labels.builder();
    for (Matcher m : vs.matchers()) {
      b.set(m.name(), m.value());
    }
    return b.build();
  }

  /** Every selector needs a matcher that rejects the empty value, except info()'s data-label selector. */
  private void checkSelectors(Expr e, boolean exempt) {
    if (e instanceof VectorSelector vs && !exempt) {
      for (Matcher m : vs.matchers()) {
        if (!m.matchesEmpty()) {
          return;
        }
      }
      throw error(vs.pos(), "vector selector must contain at least one non-empty matcher");
    }
    if (e instanceof Call c && c.func().name().equals("info")) {
      for (int i = 0; i < c.args().size(); i++) {
        checkSelectors(c.args().get(i), i == 1);
      }
      return;
    }
    for (Expr child : dev.ktel.promql.ast.Exprs.children(e)) {
      checkSelectors(child, false);
    }
  }

  // ---- helpers

  private Token peek() {
    return toks.get(p);
  }

  private Token peek(int k) {
    return toks.get(Math.min(p + k, toks.size() - 1));
  }

  private Token advance() {
    return toks.get(p++);
  }

  private boolean at(TokenType t) {
    return peek().type() == t;
  }

  private boolean atKeyword(String kw) {
    return at(TokenType.IDENT) && peek().text().equalsIgnoreCase(kw);
  }

  private Token expect(TokenType t, String context) {
    if (!at(t)) {
      Token got = peek();
      throw error(got.pos(), "unexpected " + got + " in " + context + ", expected " + describe(t));
    }
    return advance();
  }

  private static String describe(TokenType t) {
    return switch (t) {
      case RIGHT_PAREN -> "\")\"";
      case LEFT_PAREN -> "\"(\"";
      case RIGHT_BRACE -> "\"}\"";
      case RIGHT_BRACKET -> "\"]\"";
      case COMMA -> "\",\"";
      case STRING -> "string";
      case IDENT -> "identifier";
      default -> t.name().toLowerCase(Locale.ROOT);
    };
  }

  PromqlException error(int pos, String msg) {
    return PromqlException.badData(Positions.lineCol(q, pos) + ": parse error: " + msg);
  }

  private PromqlException unexpected(Token t) {
    return error(t.pos(), "unexpected " + t);
  }

  // ---- expressions

  private Expr expr(int minPrec) {
    Expr lhs = unary();
    while (true) {
      Token opTok = peek();
      BinaryOp op = binaryOp(opTok);
      if (op == null || op.precedence() < minPrec) {
        return lhs;
      }
      advance();
      boolean returnBool = false;
      if (atKeyword("bool")) {
        advance();
        returnBool = true;
      }
      VectorMatching matching = matchingModifiers(op);
      Expr rhs = expr(op.rightAssociative() ? op.precedence() : op.precedence() + 1);
      lhs = binary(op, lhs, rhs, returnBool, matching, opTok.pos());
    }
  }

  private static BinaryOp binaryOp(Token t) {
    return switch (t.type()) {
      case ADD -> BinaryOp.ADD;
      case SUB -> BinaryOp.SUB;
      case MUL -> BinaryOp.MUL;
      case DIV -> BinaryOp.DIV;
      case MOD -> BinaryOp.MOD;
      case POW -> BinaryOp.POW;
      case EQL -> BinaryOp.EQL;
      case NEQ -> BinaryOp.NEQ;
      case LSS -> BinaryOp.LSS;
      case LTE -> BinaryOp.LTE;
      case GTR -> BinaryOp.GTR;
      case GTE -> BinaryOp.GTE;
      case IDENT -> switch (t.text().toLowerCase(Locale.ROOT)) {
        case "and" -> BinaryOp.AND;
        case "or" -> BinaryOp.OR;
        case "unless" -> BinaryOp.UNLESS;
        case "atan2" -> BinaryOp.ATAN2;
        default -> null;
      };
      default -> null;
    };
  }

  private VectorMatching matchingModifiers(BinaryOp op) {
    VectorMatching.Card card = op.isSetOperator() ? VectorMatching.Card.MANY_TO_MANY : VectorMatching.Card.ONE_TO_ONE;
    List<String> labels = List.of();
    boolean on = false;
    List<String> include = List.of();
    Double fillLeft = null, fillRight = null;
    boolean explicit = false;
    if (atKeyword("on") || atKeyword("ignoring")) {
      on = advance().text().equalsIgnoreCase("on");
      labels = labelList();
      explicit = true;
      if (atKeyword("group_left") || atKeyword("group_right")) {
        Token g = advance();
        if (op.isSetOperator()) {
          throw error(g.pos(), "no grouping allowed for \"" + op.text() + "\" operation");
        }
        card = g.text().equalsIgnoreCase("group_left") ? VectorMatching.Card.MANY_TO_ONE
            : VectorMatching.Card.ONE_TO_MANY;
        if (at(TokenType.LEFT_PAREN)) {
          include = labelList();
        }
      }
    }
    while ((atKeyword("fill") || atKeyword("fill_left") || atKeyword("fill_right"))
        && peek(1).type() == TokenType.LEFT_PAREN) {
      String kind = advance().text().toLowerCase(Locale.ROOT);
      expect(TokenType.LEFT_PAREN, "fill modifier");
      double v = signedNumber();
      expect(TokenType.RIGHT_PAREN, "fill modifier");
      if (!kind.equals("fill_right")) {
        fillLeft = v;
      }
      if (!kind.equals("fill_left")) {
        fillRight = v;
      }
      explicit = true;
    }
    if (!explicit && !op.isSetOperator()) {
      return VectorMatching.defaults(card);
    }
    return new VectorMatching(card, labels, on, include, fillLeft, fillRight);
  }

  private double signedNumber() {
    boolean neg = false;
    while (at(TokenType.SUB) || at(TokenType.ADD)) {
      neg ^= advance().type() == TokenType.SUB;
    }
    Token t = advance();
    double v;
    if (t.type() == TokenType.NUMBER) {
      v = parseNumber(t);
    } else if (t.type() == TokenType.DURATION) {
      v = Durations.parseMillis(t.text()) / 1000.0;
    } else if (t.type() == TokenType.IDENT && isInfOrNan(t.text())) {
      v = t.text().equalsIgnoreCase("inf") ? Double.POSITIVE_INFINITY : Double.NaN;
    } else {
      throw error(t.pos(), "unexpected " + t + ", expected number");
    }
    return neg ? -v : v;
  }

  private List<String> labelList() {
    expect(TokenType.LEFT_PAREN, "grouping opts");
    List<String> out = new ArrayList<>();
    while (!at(TokenType.RIGHT_PAREN)) {
      Token t = advance();
      if (t.type() == TokenType.IDENT && !t.text().contains(":")) {
        out.add(t.text());
      } else if (t.type() == TokenType.STRING) {
        out.add(t.text());
      } else {
        throw error(t.pos(), "unexpected " + t + " in grouping opts, expected label");
      }
      if (at(TokenType.COMMA)) {
        advance();
      } else if (!at(TokenType.RIGHT_PAREN)) {
        throw error(peek().pos(), "unexpected " + peek() + " in grouping opts, expected \")\" or \",\"");
      }
    }
    advance();
    return out;
  }

  private Expr binary(BinaryOp op, Expr lhs, Expr rhs, boolean returnBool, VectorMatching m, int opPos) {
    ValueType lt = lhs.type(), rt = rhs.type();
    int pos = lhs.pos();
    if (returnBool && !op.isComparison()) {
      throw error(pos, "bool modifier can only be used on comparison operators");
    }
    if (op.isComparison() && !returnBool && lt == ValueType.SCALAR && rt == ValueType.SCALAR) {
      throw error(pos, "comparisons between scalars must use BOOL modifier");
    }
    boolean bothVectors = lt == ValueType.VECTOR && rt == ValueType.VECTOR;
    if (op.isSetOperator()) {
      if (lt == ValueType.SCALAR || rt == ValueType.SCALAR) {
        throw error(pos, "set operator \"" + op.text() + "\" not allowed in binary scalar expression");
      }
    }
    if ((lt != ValueType.SCALAR && lt != ValueType.VECTOR) || (rt != ValueType.SCALAR && rt != ValueType.VECTOR)) {
      throw error(pos, "binary expression must contain only scalar and instant vector types");
    }
    if (!bothVectors && m != null && (!m.matchingLabels().isEmpty() || m.on()
        || m.card() == VectorMatching.Card.MANY_TO_ONE || m.card() == VectorMatching.Card.ONE_TO_MANY)) {
      throw error(pos, "vector matching only allowed between instant vectors");
    }
    if (m != null && m.on() && !m.include().isEmpty()) {
      for (String l : m.include()) {
        if (m.matchingLabels().contains(l)) {
          throw error(pos, "label \"" + l + "\" must not occur in ON and GROUP clause at once");
        }
      }
    }
    return new BinaryExpr(op, lhs, rhs, returnBool, bothVectors ? m : null, pos, opPos);
  }

  private Expr unary() {
    if (at(TokenType.SUB) || at(TokenType.ADD)) {
      Token t = advance();
      // Unary operators bind like multiplication: -a^b is -(a^b), -a*b is (-a)*b.
      Expr operand = expr(BinaryOp.POW.precedence());
      ValueType ty = operand.type();
      if (ty != ValueType.SCALAR && ty != ValueType.VECTOR) {
        throw error(t.pos(), "unary expression only allowed on expressions of type scalar or instant vector, got \""
            + ty.text() + "\"");
      }
      if (t.type() == TokenType.ADD) {
        return operand instanceof NumberLiteral n ? new NumberLiteral(n.value(), t.pos()) : operand;
      }
      if (operand instanceof NumberLiteral n) {
        return new NumberLiteral(-n.value(), t.pos());
      }
      return new UnaryExpr(true, operand, t.pos());
    }
    return postfix(primary());
  }

  private Expr postfix(Expr e) {
    while (true) {
      if (at(TokenType.LEFT_BRACKET)) {
        e = bracket(e);
      } else if (atKeyword("offset")) {
        Token t = advance();
        DurationExpr d = offsetDuration();
        e = withOffset(e, d, t);
      } else if (at(TokenType.AT)) {
        Token t = advance();
        e = withAt(e, atModifier(), t);
      } else if (atKeyword("anchored") || atKeyword("smoothed")) {
        Token t = advance();
        if (e instanceof VectorSelector vs && t.text().equalsIgnoreCase("smoothed")) {
          e = vs.withSmoothed();
          continue;
        }
        if (!(e instanceof MatrixSelector ms)) {
          throw error(t.pos(), t.text() + " modifier can only be used with a range vector selector");
        }
        boolean anchored = t.text().equalsIgnoreCase("anchored");
        e = new MatrixSelector(ms.selector(), ms.range(), ms.anchored() || anchored, ms.smoothed() || !anchored,
            ms.pos());
      } else {
        return e;
      }
    }
  }

  private Expr withOffset(Expr e, DurationExpr d, Token t) {
    return switch (e) {
      case VectorSelector vs -> {
        if (vs.offset() != null) {
          throw error(t.pos(), "offset may not be set multiple times");
        }
        yield vs.withOffset(d);
      }
      case MatrixSelector ms -> {
        if (ms.selector().offset() != null) {
          throw error(t.pos(), "offset may not be set multiple times");
        }
        yield ms.withSelector(ms.selector().withOffset(d));
      }
      case SubqueryExpr sq -> {
        if (sq.offset() != null) {
          throw error(t.pos(), "offset may not be set multiple times");
        }
        yield sq.withOffset(d);
      }
      default -> throw error(t.pos(),
          "offset modifier must be preceded by an instant vector selector or range vector selector or a subquery");
    };
  }

  private Expr withAt(Expr e, At at, Token t) {
    return switch (e) {
      case VectorSelector vs -> {
        if (vs.at() != null) {
          throw error(t.pos(), "@ <timestamp> may not be set multiple times");
        }
        yield vs.withAt(at);
      }
      case MatrixSelector ms -> {
        if (ms.selector().at() != null) {
          throw error(t.pos(), "@ <timestamp> may not be set multiple times");
        }
        yield ms.withSelector(ms.selector().withAt(at));
      }
      case SubqueryExpr sq -> {
        if (sq.at() != null) {
          throw error(t.pos(), "@ <timestamp> may not be set multiple times");
        }
        yield sq.withAt(at);
      }
      default -> throw error(t.pos(),
          "@ modifier must be preceded by an instant vector selector or range vector selector or a subquery");
    };
  }

  private At atModifier() {
    if (atKeyword("start") || atKeyword("end")) {
      Token t = advance();
      expect(TokenType.LEFT_PAREN, "@ modifier");
      expect(TokenType.RIGHT_PAREN, "@ modifier");
      return new At(t.text().equalsIgnoreCase("start") ? At.Kind.START : At.Kind.END, 0);
    }
    Token t = peek();
    double v = signedNumber();
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      throw error(t.pos(), "timestamp out of bounds for @ modifier: " + v);
    }
    return new At(At.Kind.TIME, v);
  }

  /** offset takes a signed duration atom; any arithmetic must be parenthesised ({@code offset 1m + 1} adds 1). */
  private DurationExpr offsetDuration() {
    int pos = peek().pos();
    return new DurationExpr(durationUnary(true), pos);
  }

  private Expr bracket(Expr e) {
    Token open = advance();
    DurationExpr range = new DurationExpr(durationExpr(0), peek().pos());
    if (at(TokenType.COLON)) {
      advance();
      DurationExpr step = null;
      if (!at(TokenType.RIGHT_BRACKET)) {
        int sp = peek().pos();
        step = new DurationExpr(durationExpr(0), sp);
      }
      expect(TokenType.RIGHT_BRACKET, "subquery selector");
      if (e.type() != ValueType.VECTOR) {
        throw error(e.pos(), "subquery is only allowed on instant vector, got " + e.type().text()
            + " in \"" + q.substring(e.pos(), open.pos()).strip() + "\" instead");
      }
      return new SubqueryExpr(e, range, step, null, null, e.pos());
    }
    expect(TokenType.RIGHT_BRACKET, "matrix selector");
    if (!(e instanceof VectorSelector vs)) {
      throw error(e.pos(), "ranges only allowed for vector selectors");
    }
    if (vs.offset() != null || vs.at() != null || vs.smoothed()) {
      throw error(open.pos(), "no offset, @ or smoothed modifiers allowed before range");
    }
    return new MatrixSelector(vs, range, false, false, e.pos());
  }

  // ---- duration expressions (numbers are seconds)

  private Expr durationExpr(int minPrec) {
    Expr lhs = durationUnary(false);
    while (true) {
      Token opTok = peek();
      BinaryOp op = binaryOp(opTok);
      if (op == null || op.precedence() < minPrec || op.precedence() < BinaryOp.ADD.precedence()
          || op == BinaryOp.ATAN2) {
        return lhs;
      }
      advance();
      Expr rhs = durationExpr(op.rightAssociative() ? op.precedence() : op.precedence() + 1);
      lhs = new BinaryExpr(op, lhs, rhs, false, null, lhs.pos(), opTok.pos());
    }
  }

  private Expr durationUnary(boolean atomOnly) {
    if (at(TokenType.SUB) || at(TokenType.ADD)) {
      Token t = advance();
      Expr operand = atomOnly ? durationAtom() : durationExpr(BinaryOp.POW.precedence());
      return t.type() == TokenType.SUB ? new UnaryExpr(true, operand, t.pos()) : operand;
    }
    return durationAtom();
  }

  private Expr durationAtom() {
    Token t = peek();
    switch (t.type()) {
      case NUMBER -> {
        advance();
        return new NumberLiteral(parseNumber(t), t.pos());
      }
      case DURATION -> {
        advance();
        return new NumberLiteral(Durations.parseMillis(t.text()) / 1000.0, t.pos());
      }
      case LEFT_PAREN -> {
        advance();
        Expr e = durationExpr(0);
        expect(TokenType.RIGHT_PAREN, "duration expression");
        return new ParenExpr(e, t.pos());
      }
      case IDENT -> {
        String name = t.text().toLowerCase(Locale.ROOT);
        if ((name.equals("step") || name.equals("range")) && peek(1).type() == TokenType.LEFT_PAREN) {
          advance();
          advance();
          expect(TokenType.RIGHT_PAREN, "duration expression");
          return new Call(Functions.get(name), List.of(), t.pos());
        }
        if ((name.equals("min_of") || name.equals("max_of")) && peek(1).type() == TokenType.LEFT_PAREN) {
          advance();
          advance();
          Expr a = durationExpr(0);
          expect(TokenType.COMMA, "duration expression");
          Expr b = durationExpr(0);
          expect(TokenType.RIGHT_PAREN, "duration expression");
          return new Call(new dev.ktel.promql.ast.FunctionDef(name, List.of(ValueType.SCALAR, ValueType.SCALAR), 0,
              ValueType.SCALAR), List.of(a, b), t.pos());
        }
        throw error(t.pos(), "unexpected " + t + " in duration expression");
      }
      default -> throw error(t.pos(), "unexpected " + t + " in duration expression, expected duration");
    }
  }

  // ---- primaries

  private static boolean isInfOrNan(String s) {
    return s.equalsIgnoreCase("inf") || s.equalsIgnoreCase("nan");
  }

  private double parseNumber(Token t) {
    String s = t.text();
    try {
      if (s.startsWith("0x") || s.startsWith("0X")) {
        return Long.parseLong(s.substring(2), 16);
      }
      if (s.length() > 1 && s.charAt(0) == '0' && s.chars().allMatch(Character::isDigit)) {
        return Long.parseLong(s, 8);
      }
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      throw error(t.pos(), "bad number or duration syntax: \"" + s + "\"");
    }
  }

  private Expr primary() {
    Token t = peek();
    switch (t.type()) {
      case NUMBER -> {
        advance();
        return new NumberLiteral(parseNumber(t), t.pos());
      }
      case DURATION -> {
        advance();
        return new NumberLiteral(Durations.parseMillis(t.text()) / 1000.0, t.pos());
      }
      case STRING -> {
        advance();
        return new StringLiteral(t.text(), t.pos());
      }
      case LEFT_PAREN -> {
        advance();
        Expr e = expr(0);
        expect(TokenType.RIGHT_PAREN, "paren expression");
        return new ParenExpr(e, t.pos());
      }
      case LEFT_BRACE -> {
        return selector(null, t.pos());
      }
      case IDENT -> {
        return identifier();
      }
      case EOF -> throw error(t.pos(), "unexpected end of input");
      default -> throw unexpected(t);
    }
  }

  private Expr identifier() {
    Token t = advance();
    String name = t.text();
    boolean call = at(TokenType.LEFT_PAREN);
    AggregateOp agg = AggregateOp.byName(name);
    if (agg != null && (call || atKeyword("by") || atKeyword("without"))) {
      return aggregation(agg, t);
    }
    if (call) {
      String fname = TIME_FUNCS.contains(name.toLowerCase(Locale.ROOT)) ? name.toLowerCase(Locale.ROOT) : name;
      FunctionDef def = Functions.get(fname);
      if (def == null) {
        throw error(t.pos(), "unknown function with name \"" + name + "\"");
      }
      return call(def, t);
    }
    if (isInfOrNan(name)) {
      return new NumberLiteral(name.equalsIgnoreCase("inf") ? Double.POSITIVE_INFINITY : Double.NaN, t.pos());
    }
    if (at(TokenType.LEFT_BRACE)) {
      return selector(name, t.pos());
    }
    return new VectorSelector(name, List.of(Matcher.eq(Labels.METRIC_NAME, name)), null, null, t.pos(),
        t.pos() + name.length(), false);
  }

  private Expr call(FunctionDef def, Token nameTok) {
    advance();
    List<Expr> args = new ArrayList<>();
    while (!at(TokenType.RIGHT_PAREN)) {
      args.add(expr(0));
      if (at(TokenType.COMMA)) {
        advance();
        if (at(TokenType.RIGHT_PAREN)) {
          break;
        }
      } else if (!at(TokenType.RIGHT_PAREN)) {
        throw error(peek().pos(), "unexpected " + peek() + " in function call, expected \")\" or \",\"");
      }
    }
    advance();
    checkArgs(def, args, nameTok.pos());
    return new Call(def, List.copyOf(args), nameTok.pos());
  }

  private void checkArgs(FunctionDef def, List<Expr> args, int pos) {
    int fixed = def.argTypes().size();
    int n = args.size();
    if (def.variadic() == 0) {
      if (n != fixed) {
        throw error(pos, "expected " + fixed + " argument(s) in call to \"" + def.name() + "\", got " + n);
      }
    } else {
      int min = fixed - 1;
      if (n < min) {
        throw error(pos, "expected at least " + min + " argument(s) in call to \"" + def.name() + "\", got " + n);
      }
      if (def.variadic() > 0 && n > fixed + def.variadic() - 1) {
        throw error(pos, "expected at most " + (fixed + def.variadic() - 1) + " argument(s) in call to \""
            + def.name() + "\", got " + n);
      }
    }
    for (int i = 0; i < n; i++) {
      ValueType want = def.argTypes().get(Math.min(i, fixed - 1));
      ValueType got = args.get(i).type();
      if (want != got) {
        throw error(args.get(i).pos(), "expected type " + want.text() + " in call to function \"" + def.name()
            + "\", got " + got.text());
      }
    }
  }

  private Expr aggregation(AggregateOp op, Token nameTok) {
    List<String> grouping = List.of();
    boolean without = false;
    boolean haveGrouping = false;
    if (atKeyword("by") || atKeyword("without")) {
      without = advance().text().equalsIgnoreCase("without");
      grouping = labelList();
      haveGrouping = true;
    }
    expect(TokenType.LEFT_PAREN, "aggregation");
    List<Expr> args = new ArrayList<>();
    while (!at(TokenType.RIGHT_PAREN)) {
      args.add(expr(0));
      if (at(TokenType.COMMA)) {
        advance();
      } else if (!at(TokenType.RIGHT_PAREN)) {
        throw error(peek().pos(), "unexpected " + peek() + " in aggregation, expected \")\" or \",\"");
      }
    }
    advance();
    if (atKeyword("by") || atKeyword("without")) {
      Token g = advance();
      if (haveGrouping) {
        throw error(g.pos(), "unexpected <by/without>");
      }
      without = g.text().equalsIgnoreCase("without");
      grouping = labelList();
    }
    int want = op.hasParam() ? 2 : 1;
    if (args.size() != want) {
      throw error(nameTok.pos(), "wrong number of arguments for aggregate expression provided, expected " + want
          + ", got " + args.size());
    }
    Expr param = op.hasParam() ? args.get(0) : null;
    Expr e = args.get(want - 1);
    if (e.type() != ValueType.VECTOR) {
      throw error(e.pos(), "expected type instant vector in aggregation expression, got " + e.type().text());
    }
    if (param != null) {
      ValueType pt = op == AggregateOp.COUNT_VALUES ? ValueType.STRING : ValueType.SCALAR;
      if (param.type() != pt) {
        throw error(param.pos(), "expected type " + pt.text() + " in aggregation parameter, got "
            + param.type().text());
      }
    }
    return new AggregateExpr(op, e, param, List.copyOf(grouping), without, nameTok.pos());
  }

  private Expr selector(String name, int pos) {
    List<Matcher> ms = new ArrayList<>();
    expect(TokenType.LEFT_BRACE, "label matching");
    while (!at(TokenType.RIGHT_BRACE)) {
      Token lt = advance();
      if (lt.type() == TokenType.STRING && (at(TokenType.COMMA) || at(TokenType.RIGHT_BRACE))) {
        if (name != null) {
          throw error(lt.pos(), "metric name must not be set twice: \"" + name + "\" or \"" + lt.text() + "\"");
        }
        name = lt.text();
      } else {
        if (lt.type() != TokenType.IDENT && lt.type() != TokenType.STRING) {
          throw error(lt.pos(), "unexpected " + lt + " in label matching, expected label");
        }
        Token op = advance();
        Matcher.Type type = switch (op.type()) {
          case ASSIGN -> Matcher.Type.EQUAL;
          case NEQ -> Matcher.Type.NOT_EQUAL;
          case EQL_REGEX -> Matcher.Type.REGEX;
          case NEQ_REGEX -> Matcher.Type.NOT_REGEX;
          default -> throw error(op.pos(), "unexpected " + op + " in label matching, expected label matching operator");
        };
        Token vt = advance();
        if (vt.type() != TokenType.STRING) {
          throw error(vt.pos(), "unexpected " + vt + " in label matching, expected string");
        }
        try {
          String value = type == Matcher.Type.REGEX || type == Matcher.Type.NOT_REGEX
              ? Regexes.toJava(vt.text()) : vt.text();
          ms.add(new MatcherSource(type, lt.text(), vt.text(), value).toMatcher());
        } catch (IllegalArgumentException e) {
          throw error(vt.pos(), e.getMessage());
        }
      }
      if (at(TokenType.COMMA)) {
        advance();
      } else if (!at(TokenType.RIGHT_BRACE)) {
        throw error(peek().pos(), "unexpected " + peek() + " in label matching, expected \",\" or \"}\"");
      }
    }
    Token close = advance();
    if (name != null) {
      for (Matcher m : ms) {
        if (m.name().equals(Labels.METRIC_NAME)) {
          throw error(pos, "metric name must not be set twice: \"" + name + "\" or \"" + m.value() + "\"");
        }
      }
      ms.add(0, Matcher.eq(Labels.METRIC_NAME, name));
    }
    return new VectorSelector(name, List.copyOf(ms), null, null, pos, close.pos() + 1, false);
  }

  /** A matcher with its regex translated to Java syntax. */
  private record MatcherSource(Matcher.Type type, String name, String source, String javaValue) {
    Matcher toMatcher() {
      return Matcher.of(type, name, javaValue);
    }
  }
}
