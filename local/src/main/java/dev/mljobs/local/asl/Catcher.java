package dev.mljobs.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;

/** One rule of a Catch field: which errors, where to go, and where the Error Output goes. */
record Catcher(List<String> errorEquals, String next, ResultPath resultPath) {
  private static final Set<String> FIELDS = Set.of("ErrorEquals", "Next", "ResultPath", "Comment");

  Catcher {
    errorEquals = List.copyOf(errorEquals);
    if (errorEquals.isEmpty() || next == null || resultPath == null) {
      throw new IllegalArgumentException("invalid catcher");
    }
  }

  static Catcher read(String state, int index, JsonNode json) {
    FieldReader fields = new FieldReader(state, json);
    fields.allowOnly(FIELDS, "a Catch rule (Catch[" + index + "])");
    return new Catcher(
        fields.strings("ErrorEquals"), fields.string("Next"), ResultPath.read(fields));
  }

  boolean appliesTo(StatesError error) {
    return errorEquals.stream().anyMatch(error::matches);
  }
}
