package dev.mljobs.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The evaluated arguments of one call, read with the type each function expects.
 *
 * @param firstRaw the raw text of the first argument when it is a quoted literal, else null
 */
record IntrinsicArgs(String function, List<JsonNode> values, String firstRaw) {
  IntrinsicArgs {
    values = List.copyOf(values);
  }

  int size() {
    return values.size();
  }

  JsonNode get(int i) {
    return values.get(i);
  }

  ArrayNode array(int i) {
    if (values.get(i) instanceof ArrayNode array) {
      return array;
    }
    throw failure(i, "an array");
  }

  ObjectNode object(int i) {
    if (values.get(i) instanceof ObjectNode object) {
      return object;
    }
    throw failure(i, "an object");
  }

  String text(int i) {
    if (values.get(i).isTextual()) {
      return values.get(i).textValue();
    }
    throw failure(i, "a string");
  }

  /** An integer argument; ASL rounds a fractional number to the nearest integer. */
  long integer(int i) {
    JsonNode value = values.get(i);
    if (!value.isNumber()) {
      throw failure(i, "a number");
    }
    return value.isIntegralNumber() ? value.longValue() : Math.round(value.doubleValue());
  }

  boolean bool(int i) {
    if (values.get(i).isBoolean()) {
      return values.get(i).booleanValue();
    }
    throw failure(i, "a boolean");
  }

  StatesError failure(String cause) {
    return new StatesError(StatesError.INTRINSIC_FAILURE, function + ": " + cause);
  }

  private StatesError failure(int i, String expected) {
    return new StatesError(
        StatesError.INTRINSIC_FAILURE,
        function + ": argument " + (i + 1) + " must be " + expected + ", not " + values.get(i));
  }
}
