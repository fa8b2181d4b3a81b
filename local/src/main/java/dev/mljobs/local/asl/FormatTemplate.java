package dev.mljobs.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;

/** States.Format: fills each {@code {}} of a template with the next argument. */
final class FormatTemplate {
  private FormatTemplate() {}

  static JsonNode format(IntrinsicArgs args) {
    // A quoted template keeps its escapes so that \{ and \} stay literal braces.
    boolean literal = args.firstRaw() != null;
    String template = literal ? args.firstRaw() : args.text(0);
    return TextNode.valueOf(render(template, literal, args.values().subList(1, args.size())));
  }

  /**
   * @param escaped whether {@code \x} in the template stands for a literal {@code x} (true for a
   *     quoted literal template, false for one read from a path)
   * @throws StatesError States.IntrinsicFailure when placeholders and values differ in number, or a
   *     value is an object or array
   */
  private static String render(String template, boolean escaped, List<JsonNode> values) {
    StringBuilder out = new StringBuilder();
    int used = 0;
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      if (escaped && c == '\\' && i + 1 < template.length()) {
        out.append(template.charAt(++i));
      } else if (c == '{' && i + 1 < template.length() && template.charAt(i + 1) == '}') {
        if (used == values.size()) {
          throw failure("the template has more placeholders than there are values");
        }
        out.append(text(values.get(used++)));
        i++;
      } else {
        out.append(c);
      }
    }
    if (used != values.size()) {
      throw failure("the template has fewer placeholders than there are values");
    }
    return out.toString();
  }

  private static String text(JsonNode value) {
    if (value.isContainerNode()) {
      throw failure("only strings, numbers, booleans and null can be formatted, not " + value);
    }
    return value.asText();
  }

  private static StatesError failure(String cause) {
    return new StatesError(StatesError.INTRINSIC_FAILURE, "States.Format: " + cause);
  }
}
