package dev.mljobs.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Typed reads of one state's fields, failing with the state's and the field's name. */
final class FieldReader {
  private final String state;
  private final ObjectNode json;

  FieldReader(String state, JsonNode json) {
    this.state = state;
    if (!(json instanceof ObjectNode object)) {
      throw new InvalidDefinitionException(state, null, "must be a JSON object");
    }
    this.json = object;
  }

  String state() {
    return state;
  }

  ObjectNode json() {
    return json;
  }

  boolean has(String field) {
    return json.has(field);
  }

  /** Rejects fields this kind of state does not have, so typos do not pass silently. */
  void allowOnly(Set<String> allowed, String kind) {
    json.fieldNames()
        .forEachRemaining(
            field -> {
              if (!allowed.contains(field)) {
                throw invalid(field, "not a field of " + kind);
              }
            });
  }

  String string(String field) {
    JsonNode value = json.get(field);
    if (value == null || !value.isTextual()) {
      throw invalid(field, value == null ? "is required" : "must be a string");
    }
    return value.textValue();
  }

  String optionalString(String field) {
    return has(field) ? string(field) : null;
  }

  int integer(String field, int min, int fallback) {
    JsonNode value = json.get(field);
    if (value == null) {
      return fallback;
    }
    if (!value.canConvertToExactIntegral() || !value.canConvertToInt() || value.intValue() < min) {
      throw invalid(field, "must be an integer of at least " + min);
    }
    return value.intValue();
  }

  double number(String field, double min, double fallback) {
    JsonNode value = json.get(field);
    if (value == null) {
      return fallback;
    }
    if (!value.isNumber() || value.doubleValue() < min) {
      throw invalid(field, "must be a number of at least " + min);
    }
    return value.doubleValue();
  }

  List<String> strings(String field) {
    JsonNode value = json.get(field);
    if (value == null || !value.isArray() || value.isEmpty()) {
      throw invalid(field, "must be a non-empty array of strings");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode item : value) {
      if (!item.isTextual()) {
        throw invalid(field, "must be a non-empty array of strings");
      }
      out.add(item.textValue());
    }
    return out;
  }

  /** A path field that must be present. */
  AslPath path(String field) {
    String text = string(field);
    try {
      return AslPath.compile(text);
    } catch (IllegalArgumentException e) {
      throw invalid(field, e.getMessage());
    }
  }

  /** A Parameters-like template, or null when the field is absent. */
  Expression template(String field) {
    if (!has(field)) {
      return null;
    }
    try {
      return PayloadTemplate.compile(json.get(field));
    } catch (IllegalArgumentException e) {
      throw invalid(field, e.getMessage());
    }
  }

  /** A path or an intrinsic function call, or null when the field is absent. */
  Expression expression(String field) {
    if (!has(field)) {
      return null;
    }
    try {
      return Expression.parse(string(field));
    } catch (IllegalArgumentException e) {
      throw invalid(field, e.getMessage());
    }
  }

  void exclusive(String first, String second) {
    if (has(first) && has(second)) {
      throw invalid(second, "cannot be used together with " + first);
    }
  }

  InvalidDefinitionException invalid(String field, String problem) {
    return new InvalidDefinitionException(state, field, problem);
  }
}
