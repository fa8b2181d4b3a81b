package dev.mljobs.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.JsonPathException;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import java.util.Optional;

/**
 * A Path as ASL uses it: JSONPath over the state's input, or over the Context Object when it starts
 * with {@code $$}. Simple paths are read by {@link ReferencePath}; anything richer (filters,
 * slices, wildcards) by Jayway JsonPath. A path that matches nothing is States.Runtime.
 */
final class AslPath {
  private static final Configuration JACKSON =
      Configuration.builder()
          .jsonProvider(new JacksonJsonNodeJsonProvider(Json.MAPPER))
          .mappingProvider(new JacksonMappingProvider(Json.MAPPER))
          .build();

  private final String text;
  private final boolean onContext;
  private final ReferencePath simple;
  private final JsonPath general;

  private AslPath(String text, boolean onContext, ReferencePath simple, JsonPath general) {
    this.text = text;
    this.onContext = onContext;
    this.simple = simple;
    this.general = general;
  }

  /**
   * @throws IllegalArgumentException when {@code text} is not a JSONPath
   */
  static AslPath compile(String text) {
    if (text == null || !text.startsWith("$")) {
      throw new IllegalArgumentException("a path starts with '$'");
    }
    boolean onContext = text.startsWith("$$");
    String path = onContext ? text.substring(1) : text;
    Optional<ReferencePath> simple = ReferencePath.parse(path);
    if (simple.isPresent()) {
      return new AslPath(text, onContext, simple.get(), null);
    }
    try {
      return new AslPath(text, onContext, null, JsonPath.compile(path));
    } catch (JsonPathException | IllegalArgumentException e) {
      throw new IllegalArgumentException("not a valid JSONPath: " + e.getMessage(), e);
    }
  }

  static boolean isPath(String text) {
    return text.startsWith("$");
  }

  /** The value at this path, if it matches. */
  Optional<JsonNode> find(JsonNode input, JsonNode context) {
    JsonNode root = onContext ? context : input;
    if (simple != null) {
      return simple.find(root);
    }
    try {
      Object value = general.read(root, JACKSON);
      return Optional.of(value instanceof JsonNode node ? node : Json.MAPPER.valueToTree(value));
    } catch (JsonPathException e) {
      return Optional.empty();
    }
  }

  /**
   * The value at this path.
   *
   * @throws StatesError States.Runtime when the path matches nothing
   */
  JsonNode read(JsonNode input, JsonNode context) {
    return find(input, context)
        .orElseThrow(
            () ->
                StatesError.runtime(
                    "Invalid path '" + text + "': no such value in " + describe(input, context)));
  }

  private String describe(JsonNode input, JsonNode context) {
    String json = Json.write(onContext ? context : input);
    String shown = json.length() > 200 ? json.substring(0, 200) + "..." : json;
    return (onContext ? "the Context Object " : "the input ") + shown;
  }

  @Override
  public String toString() {
    return text;
  }
}
