package dev.mljobs.local.asl;

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
}
