package dev.mljobs.local.asl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every case of {@code asl-conformance/cases} by the harness rules of its README: scripted
 * task behaviour per state name, retry and Wait sleeps skipped, and the comparison of status,
 * output (numbers by value, key order ignored), error, cause, task calls and task inputs.
 */
class AslConformanceTest {
  private static final int CASE_COUNT = 60;

  static Stream<Path> cases() throws IOException, URISyntaxException {
    Path dir = Path.of(AslConformanceTest.class.getResource("/asl-conformance/cases").toURI());
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().toList().stream();
    }
  }

  @Test
  void every_case_of_the_corpus_is_run() throws Exception {
    assertThat(cases()).hasSize(CASE_COUNT);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void case_behaves_as_the_docs_say(Path file) throws Exception {
    JsonNode spec = Json.read(Files.readString(file));
    JsonNode expected = spec.get("expected");
    ScriptedTasks tasks = new ScriptedTasks(spec.get("task_behaviour"));

    ExecutionResult result = run(spec, tasks);

    List<String> problems = new ArrayList<>(tasks.problems());
    problems.addAll(compare(spec, expected, result));
    problems.addAll(compareTasks(expected, tasks));
    assertThat(problems).as(spec.get("name").asText() + " gave " + result).isEmpty();
  }

  private static ExecutionResult run(JsonNode spec, ScriptedTasks tasks)
      throws InterruptedException {
    StateMachineDefinition definition = StateMachineDefinition.of(spec.get("definition"));
    try (AslInterpreter asl = AslInterpreter.builder(tasks).sleeper(duration -> {}).build()) {
      return asl.run(definition, ExecutionRequest.of(spec.get("input")));
    }
  }

  static List<String> compare(JsonNode spec, JsonNode expected, ExecutionResult result) {
    List<String> problems = new ArrayList<>();
    String status = expected.get("status").asText();
    if (!status.equals(result.status().name())) {
      problems.add("status: expected " + status + ", got " + result.status());
      return problems;
    }
    if (status.equals("SUCCEEDED")) {
      JsonNode actual = result.output().deepCopy();
      JsonNode want = expected.has("output") ? expected.get("output").deepCopy() : null;
      problems.addAll(JsonPatterns.checkAndRemove(spec.get("expected_patterns"), actual, want));
      if (want != null && !Json.sameValue(actual, want)) {
        problems.add("output: expected " + expected.get("output") + ", got " + result.output());
      }
    } else {
      if (expected.has("error") && !expected.get("error").asText().equals(result.error())) {
        problems.add("error: expected " + expected.get("error") + ", got " + result.error());
      }
      if (expected.has("cause") && !expected.get("cause").asText().equals(result.cause())) {
        problems.add("cause: expected " + expected.get("cause") + ", got " + result.cause());
      }
    }
    return problems;
  }

  private static List<String> compareTasks(JsonNode expected, ScriptedTasks tasks) {
    List<String> problems = new ArrayList<>();
    if (expected.has("task_calls")) {
      Map<String, Integer> want = new HashMap<>();
      expected
          .get("task_calls")
          .properties()
          .forEach(e -> want.put(e.getKey(), e.getValue().asInt()));
      Map<String, Integer> got = tasks.calls();
      if (!want.equals(got)) {
        problems.add("task_calls: expected " + want + ", got " + got);
      }
    }
    if (expected.has("task_inputs")) {
      for (var entry : expected.get("task_inputs").properties()) {
        JsonNode got = Json.NODES.arrayNode().addAll(tasks.inputsOf(entry.getKey()));
        if (!Json.sameValue(got, entry.getValue())) {
          problems.add(
              "task_inputs." + entry.getKey() + ": expected " + entry.getValue() + ", got " + got);
        }
      }
    }
    return problems;
  }
}
