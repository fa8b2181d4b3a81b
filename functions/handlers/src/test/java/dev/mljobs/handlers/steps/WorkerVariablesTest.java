package dev.mljobs.handlers.steps;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mljobs.core.model.Model;
import dev.mljobs.core.model.TaskType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkerVariablesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void the_params_a_batch_job_gives_become_the_named_variables_of_the_worker_contract()
      throws Exception {
    Map<String, String> variables =
        WorkerVariables.of(
            JSON.readTree(
                "{\"model_id\":\"shapes-det\",\"task_type\":\"object_detection\","
                    + "\"input_uri\":\"s3://in/images/\",\"batch_size\":16,"
                    + "\"confidence_threshold\":0.5,\"max_detections\":20,\"runtime\":\"batch\"}"),
            "s3://data/results/j/items/",
            null);
    assertThat(variables)
        .containsExactly(
            Map.entry("MODEL_URI", "shapes-det"),
            Map.entry("INPUT_URI", "s3://in/images/"),
            Map.entry("TASK_TYPE", "object_detection"),
            Map.entry("BATCH_SIZE", "16"),
            Map.entry("CONFIDENCE_THRESHOLD", "0.5"),
            Map.entry("MAX_DETECTIONS", "20"),
            Map.entry("OUTPUT_URI", "s3://data/results/j/items/"));
  }

  @Test
  void a_registered_model_is_its_file_in_model_uri_and_its_spec_in_model_spec() throws Exception {
    Model model =
        new Model(
            "acme",
            "acme/shapes-cls",
            TaskType.IMAGE_CLASSIFICATION,
            "s3://models/shapes-cls.onnx",
            List.of("circle", "square"),
            (ObjectNode) JSON.readTree("{\"width\":224,\"height\":224}"),
            Instant.parse("2026-01-01T00:00:00Z"));
    Map<String, String> variables =
        WorkerVariables.of(
            JSON.readTree(
                "{\"model_id\":\"acme/shapes-cls\",\"task_type\":\"image_classification\"}"),
            null,
            model);
    assertThat(variables)
        .containsExactly(
            Map.entry("MODEL_URI", "s3://models/shapes-cls.onnx"),
            Map.entry("MODEL_SPEC", model.spec().toString()),
            Map.entry("TASK_TYPE", "image_classification"));
    assertThat(JSON.readTree(variables.get("MODEL_SPEC")).get("labels")).hasSize(2);
  }

  @Test
  void params_that_are_absent_null_or_not_scalar_set_no_variable() throws Exception {
    assertThat(
            WorkerVariables.of(
                JSON.readTree("{\"seconds\":1,\"model_id\":null,\"task_type\":{\"x\":1}}"),
                null,
                null))
        .isEmpty();
  }
}
