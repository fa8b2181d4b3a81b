package dev.mljobs.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A data-test rule such as {@code NumericLessThan} or {@code StringEqualsPath}. A value of the
 * wrong type (a number for a String operator, a non-timestamp for a Timestamp one) makes it false.
 *
 * @param operand the literal to compare with, or null when {@code operandPath} is used
 * @param operandPath the {@code ...Path} operand, or null
 */
record Comparison(
    AslPath variable, Kind kind, Relation relation, JsonNode operand, AslPath operandPath)
    implements ChoiceRule {
  private static final Pattern OPERATOR =
      Pattern.compile(
          "(String|Numeric|Boolean|Timestamp)"
              + "(Equals|LessThan|GreaterThan|LessThanEquals|GreaterThanEquals|Matches)(Path)?");

  /** The type both sides must have. */
  enum Kind {
    STRING,
    NUMERIC,
    BOOLEAN,
    TIMESTAMP
  }

  /** How the two sides are compared. */
  enum Relation {
    EQUALS,
    LESS_THAN,
    GREATER_THAN,
    LESS_THAN_EQUALS,
    GREATER_THAN_EQUALS,
    MATCHES;

    boolean holdsFor(int order) {
      return switch (this) {
        case EQUALS -> order == 0;
        case LESS_THAN -> order < 0;
        case GREATER_THAN -> order > 0;
        case LESS_THAN_EQUALS -> order <= 0;
        case GREATER_THAN_EQUALS -> order >= 0;
        case MATCHES -> throw new IllegalStateException("matching is not an order");
      };
    }
  }

  /** The operator named by a rule field, if that field names one ASL defines. */
  record Operator(Kind kind, Relation relation, boolean path) {
    static Optional<Operator> named(String field) {
      Matcher m = OPERATOR.matcher(field);
      if (!m.matches()) {
        return Optional.empty();
      }
      Kind kind = Kind.valueOf(m.group(1).toUpperCase(Locale.ROOT));
      Relation relation =
          Relation.valueOf(
              m.group(2).replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT));
      boolean path = m.group(3) != null;
      boolean exists =
          relation == Relation.MATCHES
              ? kind == Kind.STRING && !path
              : kind != Kind.BOOLEAN || relation == Relation.EQUALS;
      return exists ? Optional.of(new Operator(kind, relation, path)) : Optional.empty();
    }

    /** Whether a literal operand has this operator's type. */
    boolean accepts(JsonNode literal) {
      return Comparison.hasKind(kind, literal);
    }
  }

  Comparison {
    if (variable == null
        || kind == null
        || relation == null
        || (operand == null) == (operandPath == null)) {
      throw new IllegalArgumentException("a comparison needs a Variable and one operand");
    }
  }

  @Override
  public boolean test(JsonNode input, JsonNode context) {
    JsonNode value = variable.read(input, context);
    JsonNode other = operandPath == null ? operand : operandPath.read(input, context);
    if (!hasKind(kind, value) || !hasKind(kind, other)) {
      return false;
    }
    if (relation == Relation.MATCHES) {
      return new StringMatcher(other.textValue()).matches(value.textValue());
    }
    int order =
        switch (kind) {
          case STRING -> value.textValue().compareTo(other.textValue());
          case NUMERIC -> value.decimalValue().compareTo(other.decimalValue());
          case BOOLEAN -> value.booleanValue() == other.booleanValue() ? 0 : 1;
          case TIMESTAMP -> instant(value).compareTo(instant(other));
        };
    return relation.holdsFor(order);
  }

  private static Instant instant(JsonNode value) {
    return Timestamps.parse(value).orElseThrow();
  }

  private static boolean hasKind(Kind kind, JsonNode value) {
    return switch (kind) {
      case STRING -> value.isTextual();
      case NUMERIC -> value.isNumber();
      case BOOLEAN -> value.isBoolean();
      case TIMESTAMP -> Timestamps.parse(value).isPresent();
    };
  }
}
