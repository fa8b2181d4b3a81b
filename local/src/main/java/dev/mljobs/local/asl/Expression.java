package dev.mljobs.local.asl;

import com.fasterxml.jackson.databind.JsonNode;

/** A value computed when a state runs: a path, an intrinsic function call or a literal. */
interface Expression {
  /**
   * @param input the state's effective input, which {@code $} paths read
   * @param context the Context Object, which {@code $$} paths read
   * @throws StatesError when a path does not match or a function fails
   */
  JsonNode evaluate(JsonNode input, JsonNode context);

  /** Reads {@code text} as a path or, when it starts with {@code States.}, an intrinsic call. */
  static Expression parse(String text) {
    if (AslPath.isPath(text)) {
      AslPath path = AslPath.compile(text);
      return path::read;
    }
    if (text.startsWith("States.")) {
      return IntrinsicParser.parse(text);
    }
    throw new IllegalArgumentException("expected a path ($...) or an intrinsic function call");
  }
}
