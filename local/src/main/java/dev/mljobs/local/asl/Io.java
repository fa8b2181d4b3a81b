package dev.mljobs.local.asl;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A state's input and output processing, in the order ASL applies it: InputPath, Parameters (or
 * ItemSelector), the state's work, ResultSelector, ResultPath, OutputPath.
 *
 * @param parameters null when absent
 * @param resultSelector null when absent
 */
record Io(
    Selection inputPath,
    Expression parameters,
    Expression resultSelector,
    ResultPath resultPath,
    Selection outputPath) {
  Io {
    if (inputPath == null || resultPath == null || outputPath == null) {
      throw new IllegalArgumentException("paths default to $, never to null");
    }
  }

  static Io read(FieldReader fields, String parametersField) {
    return new Io(
        Selection.read(fields, "InputPath"),
        parametersField == null ? null : fields.template(parametersField),
        fields.template("ResultSelector"),
        ResultPath.read(fields),
        Selection.read(fields, "OutputPath"));
  }

  /** The Parameters step: the template evaluated on the effective input, or that input. */
  JsonNode parametersOf(JsonNode effectiveInput, JsonNode context) {
    return parameters == null ? effectiveInput : parameters.evaluate(effectiveInput, context);
  }

  /** ResultSelector on the result, ResultPath into the raw input, then OutputPath. */
  JsonNode output(JsonNode rawInput, JsonNode result, JsonNode context) {
    JsonNode selected = resultSelector == null ? result : resultSelector.evaluate(result, context);
    return outputPath.apply(resultPath.apply(rawInput, selected), context);
  }
}
