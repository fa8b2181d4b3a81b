package dev.mljobs.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Reads the rules of a Choice state, checking operand types and where Next may appear. */
final class ChoiceRuleParser {
  private final String state;

  ChoiceRuleParser(String state) {
    this.state = state;
  }

  ChoiceState.Branch branch(JsonNode json, int index) {
    String where = "Choices[" + index + "]";
    FieldReader fields = new FieldReader(state, json);
    if (!fields.has("Next")) {
      throw fields.invalid(where + ".Next", "is required in a top-level choice rule");
    }
    return new ChoiceState.Branch(rule(json, where, true), fields.string("Next"));
  }

  private ChoiceRule rule(JsonNode json, String where, boolean topLevel) {
    FieldReader fields = new FieldReader(state, json);
    if (!topLevel && fields.has("Next")) {
      throw fields.invalid(where + ".Next", "is only allowed in a top-level choice rule");
    }
    List<String> operators = new ArrayList<>();
    fields
        .json()
        .fieldNames()
        .forEachRemaining(
            name -> {
              if (!List.of("Next", "Comment", "Variable").contains(name)) {
                operators.add(name);
              }
            });
    if (operators.size() != 1) {
      throw fields.invalid(where, "needs exactly one operator, found " + operators);
    }
    String operator = operators.get(0);
    JsonNode operand = fields.json().get(operator);
    String at = where + "." + operator;
    switch (operator) {
      case "And", "Or" -> {
        noVariable(fields, at);
        List<ChoiceRule> rules = new ArrayList<>();
        if (!operand.isArray() || operand.isEmpty()) {
          throw fields.invalid(at, "must be a non-empty array of rules");
        }
        for (int i = 0; i < operand.size(); i++) {
          rules.add(rule(operand.get(i), at + "[" + i + "]", false));
        }
        return operator.equals("And") ? new ChoiceRule.And(rules) : new ChoiceRule.Or(rules);
      }
      case "Not" -> {
        noVariable(fields, at);
        return new ChoiceRule.Not(rule(operand, at, false));
      }
      default -> {
        return test(fields, where, operator, operand);
      }
    }
  }

  private ChoiceRule test(FieldReader fields, String where, String operator, JsonNode operand) {
    String at = where + "." + operator;
    AslPath variable = variable(fields, where);
    if (ChoiceRule.TypeTest.TESTS.contains(operator)) {
      if (!operand.isBoolean()) {
        throw fields.invalid(at, "must be true or false");
      }
      return new ChoiceRule.TypeTest(variable, operator, operand.booleanValue());
    }
    Optional<Comparison.Operator> named = Comparison.Operator.named(operator);
    if (named.isEmpty()) {
      throw fields.invalid(at, "is not a Choice operator");
    }
    Comparison.Operator op = named.get();
    if (op.path()) {
      try {
        AslPath path = AslPath.compile(operand.asText(""));
        return new Comparison(variable, op.kind(), op.relation(), null, path);
      } catch (IllegalArgumentException e) {
        throw fields.invalid(at, "must be a path: " + e.getMessage());
      }
    }
    if (!op.accepts(operand)) {
      throw fields.invalid(at, "must be a " + op.kind().name().toLowerCase(Locale.ROOT));
    }
    return new Comparison(variable, op.kind(), op.relation(), operand, null);
  }

  private AslPath variable(FieldReader fields, String where) {
    if (!fields.has("Variable")) {
      throw fields.invalid(where + ".Variable", "is required");
    }
    try {
      return AslPath.compile(fields.string("Variable"));
    } catch (IllegalArgumentException e) {
      throw fields.invalid(where + ".Variable", e.getMessage());
    }
  }

  private static void noVariable(FieldReader fields, String at) {
    if (fields.has("Variable")) {
      throw fields.invalid(at, "cannot be combined with Variable");
    }
  }
}
