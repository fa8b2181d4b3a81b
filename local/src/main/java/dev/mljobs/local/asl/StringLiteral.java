package dev.mljobs.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * A quoted string in an intrinsic call. It keeps its raw text because States.Format must tell an
 * escaped brace ({@code \{}, a literal) from a placeholder ({@code {}}).
 */
record StringLiteral(String raw) implements Expression {
  StringLiteral {
    if (raw == null) {
      throw new IllegalArgumentException("raw text required");
    }
  }

  /** The string with its escapes resolved: {@code \x} stands for {@code x}. */
  String text() {
    StringBuilder out = new StringBuilder(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '\\' && i + 1 < raw.length()) {
        c = raw.charAt(++i);
      }
      out.append(c);
    }
    return out.toString();
  }

  @Override
  public JsonNode evaluate(JsonNode input, JsonNode context) {
    return TextNode.valueOf(text());
  }
}
