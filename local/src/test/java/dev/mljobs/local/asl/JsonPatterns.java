package dev.mljobs.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code expected_patterns} rule of the conformance README: the value at each simple path must
 * match its anchored regex (as JSON text unless it is a string), and is then removed from both
 * sides before the deep comparison. Array items are nulled rather than removed, to keep indexes.
 */
final class JsonPatterns {
  private JsonPatterns() {}

  /** Checks the patterns on {@code actual} and removes their paths from both; answers problems. */
  static List<String> checkAndRemove(JsonNode patterns, JsonNode actual, JsonNode expected) {
    List<String> problems = new ArrayList<>();
    if (patterns == null) {
      return problems;
    }
    for (var entry : patterns.properties()) {
      ReferencePath path = ReferencePath.parse(entry.getKey()).orElseThrow();
      var value = path.find(actual);
      if (value.isEmpty()) {
        problems.add("pattern " + entry.getKey() + ": no value");
      } else {
        String text = value.get().isTextual() ? value.get().textValue() : Json.write(value.get());
        if (!Pattern.compile(entry.getValue().asText()).matcher(text).matches()) {
          problems.add("pattern " + entry.getKey() + ": " + text + " !~ " + entry.getValue());
        }
      }
      remove(actual, entry.getKey());
      remove(expected, entry.getKey());
    }
    return problems;
  }

  private static void remove(JsonNode root, String path) {
    int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
    String parentPath = path.substring(0, cut);
    String last = path.substring(cut).replaceAll("^[.\\[]|]$", "").replaceAll("^['\"]|['\"]$", "");
    JsonNode parent = ReferencePath.parse(parentPath).orElseThrow().find(root).orElse(null);
    if (parent instanceof ObjectNode object) {
      object.remove(last);
    } else if (parent instanceof ArrayNode array && last.matches("\\d+")) {
      array.set(Integer.parseInt(last), NullNode.getInstance());
    }
  }
}
