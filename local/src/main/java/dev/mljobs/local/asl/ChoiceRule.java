package dev.mljobs.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** A Choice rule: a comparison or type test on one Variable, or And/Or/Not of rules. */
sealed interface ChoiceRule
    permits ChoiceRule.And, ChoiceRule.Or, ChoiceRule.Not, ChoiceRule.TypeTest, Comparison {
  /**
   * @throws StatesError States.Runtime when a path the rule needs is missing
   */
  boolean test(JsonNode input, JsonNode context);

  /** All must hold; stops at the first that does not. */
  record And(List<ChoiceRule> rules) implements ChoiceRule {
    public And {
      rules = List.copyOf(rules);
    }

    @Override
    public boolean test(JsonNode input, JsonNode context) {
      return rules.stream().allMatch(rule -> rule.test(input, context));
    }
  }

  /** One must hold; stops at the first that does. */
  record Or(List<ChoiceRule> rules) implements ChoiceRule {
    public Or {
      rules = List.copyOf(rules);
    }

    @Override
    public boolean test(JsonNode input, JsonNode context) {
      return rules.stream().anyMatch(rule -> rule.test(input, context));
    }
  }

  /** Negation. */
  record Not(ChoiceRule rule) implements ChoiceRule {
    @Override
    public boolean test(JsonNode input, JsonNode context) {
      return !rule.test(input, context);
    }
  }

  /**
   * IsPresent, IsNull, IsNumeric, IsString, IsBoolean or IsTimestamp, compared with {@code
   * expected}. Only IsPresent accepts a Variable that is not there.
   */
  record TypeTest(AslPath variable, String test, boolean expected) implements ChoiceRule {
    static final List<String> TESTS =
        List.of("IsPresent", "IsNull", "IsNumeric", "IsString", "IsBoolean", "IsTimestamp");

    public TypeTest {
      if (!TESTS.contains(test)) {
        throw new IllegalArgumentException("not a type test: " + test);
      }
    }

    @Override
    public boolean test(JsonNode input, JsonNode context) {
      if (test.equals("IsPresent")) {
        return variable.find(input, context).isPresent() == expected;
      }
      JsonNode value = variable.read(input, context);
      boolean is =
          switch (test) {
            case "IsNull" -> value.isNull();
            case "IsNumeric" -> value.isNumber();
            case "IsString" -> value.isTextual();
            case "IsBoolean" -> value.isBoolean();
            default -> Timestamps.parse(value).isPresent();
          };
      return is == expected;
    }
  }
}
