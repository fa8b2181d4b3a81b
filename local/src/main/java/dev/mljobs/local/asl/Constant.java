package dev.mljobs.local.asl;

import com.fasterxml.jackson.databind.JsonNode;

/** A literal argument of an intrinsic function. */
record Constant(JsonNode value) implements Expression {
  Constant {
    if (value == null) {
      throw new IllegalArgumentException("a constant has a value (JSON null is NullNode)");
    }
  }

  @Override
  public JsonNode evaluate(JsonNode input, JsonNode context) {
    return value;
  }
}
