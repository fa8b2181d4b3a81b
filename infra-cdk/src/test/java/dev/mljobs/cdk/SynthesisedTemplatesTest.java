package dev.mljobs.cdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mljobs.aws.sfn.StateMachineDefinitions;
import dev.mljobs.aws.sfn.StateMachineDefinitions.Placeholder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What {@code scripts/synth} writes is valid: JSON CloudFormation templates without unresolved
 * tokens, and a state machine that passes {@code asl-validator} once its placeholders are given
 * values of the shape CloudFormation gives them. asl-validator needs Node and {@code npm ci
 * --prefix infra-cdk/src/test/js}; without them that test is skipped with the reason.
 */
class SynthesisedTemplatesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path VALIDATOR =
      Synth.ROOT.resolve("infra-cdk/src/test/js/node_modules/.bin/asl-validator");

  static Synth synth;

  @BeforeAll
  static void synthesise() throws Exception {
    synth = Synth.shared();
  }

  @Test
  void every_template_is_json_cloudformation_with_no_unresolved_token() throws Exception {
    List<Path> templates;
    try (Stream<Path> files = Files.list(synth.outdir)) {
      templates = files.filter(f -> f.toString().endsWith(".template.json")).toList();
    }
    assertThat(templates).isNotEmpty();
    for (Path t : templates) {
      String text = Files.readString(t);
      JsonNode template = JSON.readTree(text);
      assertThat(template.path("Resources").size()).as(t.toString()).isGreaterThan(50);
      template
          .path("Resources")
          .forEach(r -> assertThat(r.path("Type").asText()).matches("(AWS|Custom)::[\\w:]+"));
      assertThat(text).as(t.toString()).doesNotContain("${Token[").doesNotContain("#{Token[");
    }
  }

  @Test
  void the_deployed_state_machine_passes_asl_validator() throws Exception {
    assumeTrue(nodeWorks(), "node is not on the PATH: asl-validator needs Node 20 or later");
    assumeTrue(
        Files.isExecutable(VALIDATOR),
        "asl-validator missing: run 'npm ci --prefix infra-cdk/src/test/js'");
    JsonNode machine = null;
    for (JsonNode r : synth.json().path("Resources")) {
      if (r.path("Type").asText().equals("AWS::StepFunctions::StateMachine")) {
        machine = r.path("Properties");
      }
    }
    Map<Placeholder, String> values = new EnumMap<>(Placeholder.class);
    for (Placeholder p : Placeholder.values()) {
      JsonNode reference = machine.path("DefinitionSubstitutions").path(p.name());
      assertThat(reference.isMissingNode()).as(p.name()).isFalse();
      values.put(p, arnLike(p, reference));
    }
    String deployed =
        StateMachineDefinitions.substitute(machine.path("DefinitionString").asText(), values);
    Path file = Files.createTempFile("job-lifecycle", ".asl.json");
    Files.writeString(file, deployed);
    Process process =
        new ProcessBuilder(VALIDATOR.toString(), "--json-path", file.toString())
            .redirectErrorStream(true)
            .start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output).contains("✓");
  }

  /** The ARN CloudFormation would put in, with the referenced resource's logical id in it. */
  private static String arnLike(Placeholder p, JsonNode reference) {
    String id = reference.toString().replaceAll("[^A-Za-z0-9]", "");
    List<String> parts = new ArrayList<>(List.of("arn", "aws"));
    switch (p) {
      case StepsFunction, WorkerFunction ->
          parts.addAll(List.of("lambda", "eu-west-1", "123456789012", "function", id));
      case BatchJobQueue ->
          parts.addAll(List.of("batch", "eu-west-1", "123456789012", "job-queue/" + id));
      case BatchJobDefinition ->
          parts.addAll(
              List.of("batch", "eu-west-1", "123456789012", "job-definition/" + id + ":1"));
    }
    return String.join(":", parts);
  }

  private static boolean nodeWorks() {
    try {
      return new ProcessBuilder("node", "--version").start().waitFor() == 0;
    } catch (Exception e) {
      return false;
    }
  }
}
