package dev.mljobs.local.asl;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * InputPath or OutputPath: selects part of a JSON value. JSON {@code null} in the definition
 * selects nothing, which ASL defines as the empty object.
 *
 * @param path the path, or null for the definition's JSON null
 */
record Selection(AslPath path) {
  static final Selection WHOLE = new Selection(AslPath.compile("$"));

  /** Reads {@code field} of a state: absent means {@code $}, JSON null means nothing. */
  static Selection read(FieldReader fields, String field) {
    if (!fields.has(field)) {
      return WHOLE;
    }
    return fields.json().get(field).isNull()
        ? new Selection(null)
        : new Selection(fields.path(field));
  }

  /**
   * @throws StatesError States.Runtime when the path matches nothing
   */
  JsonNode apply(JsonNode value, JsonNode context) {
    return path == null ? Json.object() : path.read(value, context);
  }
}
