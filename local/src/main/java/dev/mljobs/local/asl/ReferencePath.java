package dev.mljobs.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An ASL reference path: {@code $}, then only field names and array indexes ({@code $.a.b}, {@code
 * $['a b'][0]}), so that it names at most one node. ResultPath must be one; other paths use this
 * stricter reading when they can, because a general JSONPath library answers {@code null} for an
 * index past the end where ASL says the path does not match.
 */
final class ReferencePath {
  private static final String NOT_IN_NAMES = "*@,:?()'\"[]$ ";

  private final String text;
  private final List<Object> segments; // String field names and Integer indexes

  private ReferencePath(String text, List<Object> segments) {
    this.text = text;
    this.segments = segments;
  }

  /** Parses {@code text}, or answers empty when it is not a reference path. */
  static Optional<ReferencePath> parse(String text) {
    if (text == null || !text.startsWith("$") || text.startsWith("$$")) {
      return Optional.empty();
    }
    List<Object> segments = new ArrayList<>();
    int i = 1;
    while (i < text.length()) {
      int end;
      if (text.charAt(i) == '.') {
        end = i + 1;
        while (end < text.length() && text.charAt(end) != '.' && text.charAt(end) != '[') {
          end++;
        }
        String name = text.substring(i + 1, end);
        if (name.isEmpty() || name.chars().anyMatch(c -> NOT_IN_NAMES.indexOf(c) >= 0)) {
          return Optional.empty();
        }
        segments.add(name);
      } else if (text.charAt(i) == '[') {
        end = text.indexOf(']', i);
        if (end < 0) {
          return Optional.empty();
        }
        Object segment = bracketSegment(text.substring(i + 1, end));
        if (segment == null) {
          return Optional.empty();
        }
        segments.add(segment);
        end++;
      } else {
        return Optional.empty();
      }
      i = end;
    }
    return Optional.of(new ReferencePath(text, List.copyOf(segments)));
  }

  private static Object bracketSegment(String inner) {
    if (inner.matches("\\d{1,9}")) {
      return Integer.valueOf(inner);
    }
    boolean quoted =
        inner.length() >= 2
            && (inner.charAt(0) == '\'' || inner.charAt(0) == '"')
            && inner.charAt(inner.length() - 1) == inner.charAt(0);
    if (!quoted) {
      return null;
    }
    String name = inner.substring(1, inner.length() - 1);
    return name.indexOf(inner.charAt(0)) >= 0 ? null : name;
  }

  /** The node this path names in {@code root}, if there is one. */
  Optional<JsonNode> find(JsonNode root) {
    JsonNode node = root;
    for (Object segment : segments) {
      node = segment instanceof Integer index ? node.path(index) : node.path((String) segment);
      if (node.isMissingNode()) {
        return Optional.empty();
      }
    }
    return Optional.of(node);
  }

  /**
   * A copy of {@code root} with {@code value} at this path, creating missing objects on the way.
   *
   * @throws StatesError States.ResultPathMatchFailure when the path crosses something that is not
   *     an object (or an array, for an index within it)
   */
  JsonNode put(JsonNode root, JsonNode value) {
    if (segments.isEmpty()) {
      return value;
    }
    JsonNode copy = root.deepCopy();
    JsonNode parent = copy;
    for (int i = 0; i < segments.size(); i++) {
      Object segment = segments.get(i);
      boolean last = i == segments.size() - 1;
      if (segment instanceof String name && parent instanceof ObjectNode object) {
        if (last) {
          object.set(name, value);
        } else if (!object.has(name)) {
          parent = object.putObject(name);
        } else {
          parent = object.get(name);
        }
      } else if (segment instanceof Integer index
          && parent instanceof ArrayNode array
          && index < array.size()) {
        if (last) {
          array.set(index, value);
        } else {
          parent = array.get(index);
        }
      } else {
        throw new StatesError(
            StatesError.RESULT_PATH_MATCH_FAILURE,
            "Unable to apply ResultPath '" + text + "' to the state's input: it is not an object");
      }
    }
    return copy;
  }

  @Override
  public String toString() {
    return text;
  }
}
