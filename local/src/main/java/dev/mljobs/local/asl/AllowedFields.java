package dev.mljobs.local.asl;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Which fields each state type may have in JSONPath mode, per the ASL specification. */
final class AllowedFields {
  private static final Set<String> COMMON = Set.of("Type", "Comment", "QueryLanguage");
  private static final Set<String> FLOW = Set.of("Next", "End", "InputPath", "OutputPath");
  private static final Set<String> RESULTS =
      Set.of("Parameters", "ResultPath", "ResultSelector", "Retry", "Catch");

  private static final Map<String, Set<String>> BY_TYPE =
      Map.of(
          "Pass", union(FLOW, Set.of("Parameters", "ResultPath", "Result")),
          "Task",
              union(
                  FLOW,
                  RESULTS,
                  Set.of(
                      "Resource",
                      "TimeoutSeconds",
                      "TimeoutSecondsPath",
                      "HeartbeatSeconds",
                      "HeartbeatSecondsPath")),
          "Choice", Set.of("InputPath", "OutputPath", "Choices", "Default"),
          "Wait", union(FLOW, Set.of("Seconds", "Timestamp", "SecondsPath", "TimestampPath")),
          "Succeed", Set.of("InputPath", "OutputPath"),
          "Fail", Set.of("Error", "Cause", "ErrorPath", "CausePath"),
          "Parallel", union(FLOW, RESULTS, Set.of("Branches")),
          "Map",
              union(
                  FLOW,
                  RESULTS,
                  Set.of(
                      "ItemsPath", "ItemSelector", "Iterator", "ItemProcessor", "MaxConcurrency")));

  /** Real ASL fields that this interpreter leaves out: JSONata mode and Distributed Map. */
  private static final Set<String> UNSUPPORTED =
      Set.of(
          "Assign",
          "Arguments",
          "Output",
          "Items",
          "Credentials",
          "ItemReader",
          "ItemBatcher",
          "ResultWriter",
          "Label",
          "MaxConcurrencyPath",
          "ToleratedFailurePercentage",
          "ToleratedFailurePercentagePath",
          "ToleratedFailureCount",
          "ToleratedFailureCountPath");

  private AllowedFields() {}

  static boolean isType(String type) {
    return BY_TYPE.containsKey(type);
  }

  static void check(FieldReader fields, String type) {
    for (String field : UNSUPPORTED) {
      if (fields.has(field)) {
        throw fields.invalid(field, "is not supported here (JSONPath mode and inline Map only)");
      }
    }
    fields.allowOnly(union(COMMON, BY_TYPE.get(type)), "a " + type + " state");
  }

  @SafeVarargs
  private static Set<String> union(Set<String>... sets) {
    Set<String> all = new HashSet<>();
    for (Set<String> set : sets) {
      all.addAll(set);
    }
    return Set.copyOf(all);
  }
}
