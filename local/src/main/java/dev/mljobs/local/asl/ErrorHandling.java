package dev.mljobs.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** The Retry and Catch rules of a Task, Parallel or Map state, scanned in order. */
record ErrorHandling(List<Retrier> retriers, List<Catcher> catchers) {
  static final ErrorHandling NONE = new ErrorHandling(List.of(), List.of());

  ErrorHandling {
    retriers = List.copyOf(retriers);
    catchers = List.copyOf(catchers);
  }

  static ErrorHandling read(FieldReader fields) {
    List<Retrier> retriers = rules(fields, "Retry", Retrier::read);
    List<Catcher> catchers = rules(fields, "Catch", Catcher::read);
    checkAllIsLast(fields, "Retry", retriers.stream().map(Retrier::errorEquals).toList());
    checkAllIsLast(fields, "Catch", catchers.stream().map(Catcher::errorEquals).toList());
    return new ErrorHandling(retriers, catchers);
  }

  private static <T> List<T> rules(FieldReader fields, String field, Rule<T> reader) {
    List<T> rules = new ArrayList<>();
    if (!fields.has(field)) {
      return rules;
    }
    JsonNode array = fields.json().get(field);
    if (!array.isArray()) {
      throw fields.invalid(field, "must be an array");
    }
    for (int i = 0; i < array.size(); i++) {
      rules.add(reader.read(fields.state(), i, array.get(i)));
    }
    return rules;
  }

  /** The spec: States.ALL must appear alone, in the last rule. */
  private static void checkAllIsLast(FieldReader fields, String field, List<List<String>> rules) {
    for (int i = 0; i < rules.size(); i++) {
      List<String> names = rules.get(i);
      if (names.contains(StatesError.ALL) && (names.size() > 1 || i < rules.size() - 1)) {
        throw fields.invalid(field, "States.ALL must appear alone in the last rule");
      }
    }
  }

  /** Reads the rule at an index of a Retry or Catch array. */
  @FunctionalInterface
  private interface Rule<T> {
    T read(String state, int index, JsonNode json);
  }
}
