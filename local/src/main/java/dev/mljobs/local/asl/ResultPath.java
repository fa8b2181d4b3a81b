package dev.mljobs.local.asl;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * ResultPath (also of a Catch rule): where a result goes in the state's raw input. JSON {@code
 * null} in the definition discards the result and passes the input on.
 *
 * @param path the reference path, or null for the definition's JSON null
 */
record ResultPath(ReferencePath path) {
  static final ResultPath WHOLE = new ResultPath(ReferencePath.parse("$").orElseThrow());

  static ResultPath read(FieldReader fields) {
    if (!fields.has("ResultPath")) {
      return WHOLE;
    }
    if (fields.json().get("ResultPath").isNull()) {
      return new ResultPath(null);
    }
    String text = fields.string("ResultPath");
    return new ResultPath(
        ReferencePath.parse(text)
            .orElseThrow(
                () ->
                    fields.invalid(
                        "ResultPath",
                        "'"
                            + text
                            + "' is not a reference path ($ and then only names and"
                            + " indexes)")));
  }

  /**
   * @throws StatesError States.ResultPathMatchFailure when the input cannot hold the result there
   */
  JsonNode apply(JsonNode rawInput, JsonNode result) {
    return path == null ? rawInput : path.put(rawInput, result);
  }
}
