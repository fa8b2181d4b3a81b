package dev.mljobs.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The Java half of {@code scripts/asl-crosscheck}: runs each case (conformance-case format) on this
 * interpreter and writes one JSON line per case with status, output or error, and task calls, for
 * {@code crosscheck.mjs} to compare with the JavaScript interpreter.
 */
public final class AslCrossCheckMain {
  private AslCrossCheckMain() {}

  /**
   * @param args the output file, then case files or directories
   */
  public static void main(String[] args) throws IOException, InterruptedException {
    if (args.length < 2) {
      System.err.println("usage: AslCrossCheckMain RESULTS.jsonl CASE.json|DIR ...");
      System.exit(2);
    }
    List<String> lines = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      for (Path file : caseFiles(Path.of(args[i]))) {
        lines.add(Json.write(run(Json.read(Files.readString(file)))));
      }
    }
    Files.write(Path.of(args[0]), lines);
  }

  private static List<Path> caseFiles(Path path) throws IOException {
    if (!Files.isDirectory(path)) {
      return List.of(path);
    }
    try (Stream<Path> files = Files.list(path)) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    }
  }

  static ObjectNode run(JsonNode spec) throws InterruptedException {
    ScriptedTasks tasks = new ScriptedTasks(spec.get("task_behaviour"));
    ObjectNode line = Json.object().put("name", spec.get("name").asText());
    ExecutionResult result;
    try (AslInterpreter asl = AslInterpreter.builder(tasks).sleeper(duration -> {}).build()) {
      result =
          asl.run(
              StateMachineDefinition.of(spec.get("definition")),
              ExecutionRequest.of(spec.get("input")));
    }
    line.put("status", result.status().name());
    if (result.output() != null) {
      line.set("output", result.output());
    } else {
      line.put("error", result.error());
    }
    ObjectNode calls = line.putObject("task_calls");
    tasks.calls().forEach(calls::put);
    return line;
  }
}
