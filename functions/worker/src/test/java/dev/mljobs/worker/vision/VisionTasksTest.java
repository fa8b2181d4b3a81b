package dev.mljobs.worker.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mljobs.worker.JobFailedException;
import dev.mljobs.worker.Work;
import dev.mljobs.worker.Worker;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class VisionTasksTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static String seven;
  private static String two;
  private static String scene;

  @BeforeAll
  static void loadImages() {
    TestSet digits = TestSet.load("digits-test.zip");
    seven = Base64.getEncoder().encodeToString(digits.bytes("0000.png"));
    two = Base64.getEncoder().encodeToString(digits.bytes("0001.png"));
    scene =
        Base64.getEncoder().encodeToString(TestSet.load("shapes-det-test.zip").bytes("0000.png"));
  }

  private static JsonNode run(String jobType, String params) throws Exception {
    ObjectNode p = (ObjectNode) JSON.readTree(params);
    p.put("task_type", jobType);
    String modelId = p.path("model_id").asText();
    ObjectNode model =
        List.of("digits-cnn", "shapes-cls", "shapes-det").contains(modelId)
            ? TestModels.spec(modelId)
            : null;
    return new Worker()
        .run(new Work(UUID.randomUUID(), 1, "inference", p, null, null, null, model));
  }

  @Test
  void classification_gives_the_top_k_classes_of_each_image_most_probable_first() throws Exception {
    // when
    JsonNode result =
        run(
            "image_classification",
            """
            {"model_id": "digits-cnn", "top_k": 3, "input_data": {"images_base64": ["%s", "%s"]}}
            """
                .formatted(seven, two));

    // then
    assertThat(result.path("failed").asInt()).isZero();
    JsonNode first = result.path("results").get(0).path("predictions");
    assertThat(first).hasSize(3);
    assertThat(first.get(0).path("class_id").asInt()).isEqualTo(7);
    assertThat(first.get(0).path("class_name").asText()).isEqualTo("7");
    assertThat(first.get(0).path("confidence").asDouble())
        .isGreaterThan(first.get(1).path("confidence").asDouble());
    assertThat(result.path("results").get(1).path("predictions").get(0).path("class_name").asText())
        .isEqualTo("2");
  }

  @Test
  void a_corrupt_image_fails_only_its_own_item() throws Exception {
    // given: PNG-looking garbage, text that is not base64, a number
    String garbage = Base64.getEncoder().encodeToString("\u0089PNG not really".getBytes("UTF-8"));

    // when
    JsonNode result =
        run(
            "image_classification",
            """
            {"model_id": "digits-cnn", "input_data": {"images_base64": ["%s", "%s", "*not base64*", 42]}}
            """
                .formatted(seven, garbage));

    // then
    assertThat(result.path("failed").asInt()).isEqualTo(3);
    JsonNode results = result.path("results");
    assertThat(results.get(0).path("predictions").get(0).path("class_name").asText())
        .isEqualTo("7");
    assertThat(results.get(1).path("error").asText()).contains("not an image");
    assertThat(results.get(2).path("error").asText()).contains("not valid base64");
    assertThat(results.get(3).path("error").asText()).contains("not a base64 string");
  }

  @Test
  void a_truncated_image_fails_its_item_as_corrupt() throws Exception {
    // given: the first half of a real PNG
    byte[] png = Base64.getDecoder().decode(scene);
    String half = Base64.getEncoder().encodeToString(Arrays.copyOf(png, png.length / 2));

    // when
    JsonNode result =
        run(
            "object_detection",
            """
            {"model_id": "shapes-det", "input_data": {"images_base64": ["%s", "%s"]}}
            """
                .formatted(half, scene));

    // then
    assertThat(result.path("results").get(0).path("error").asText()).contains("corrupt");
    assertThat(result.path("results").get(1).path("detections")).hasSize(5);
  }

  @Test
  void a_job_whose_images_are_all_bad_fails_with_the_reason() {
    assertThatThrownBy(
            () ->
                run(
                    "image_classification",
                    """
                    {"model_id": "digits-cnn", "input_data": {"image_base64": "AAAA"}}
                    """))
        .isInstanceOf(JobFailedException.class)
        .hasMessageContaining("the image failed")
        .hasMessageContaining("not an image");
  }

  @Test
  void an_unregistered_model_fails_the_job_readably() {
    assertThatThrownBy(
            () ->
                run(
                    "object_detection",
                    """
                    {"model_id": "nope", "input_data": {"image_base64": "%s"}}
                    """
                        .formatted(scene)))
        .isInstanceOf(JobFailedException.class)
        .hasMessage("params.model_id 'nope' is not a registered model (see POST /v1/models)");
  }

  @Test
  void a_model_registered_for_another_task_fails_the_job() {
    assertThatThrownBy(
            () ->
                run(
                    "object_detection",
                    """
                    {"model_id": "digits-cnn", "input_data": {"image_base64": "%s"}}
                    """
                        .formatted(seven)))
        .isInstanceOf(JobFailedException.class)
        .hasMessage(
            "model digits-cnn is registered for image_classification, not object_detection");
  }

  @Test
  void a_parameter_out_of_range_fails_the_job_naming_the_field() {
    assertThatThrownBy(
            () ->
                run(
                    "object_detection",
                    """
                    {"model_id": "shapes-det", "iou_threshold": 2, "input_data": {"image_base64": "%s"}}
                    """
                        .formatted(scene)))
        .isInstanceOf(JobFailedException.class)
        .hasMessageContaining("params.iou_threshold");
  }

  @Test
  void detection_gives_named_boxes_in_original_pixels_up_to_max_detections() throws Exception {
    // when: 0000.png is 424x361 with 5 shapes
    JsonNode result =
        run(
            "object_detection",
            """
            {"model_id": "shapes-det", "max_detections": 2, "input_data": {"image_base64": "%s"}}
            """
                .formatted(scene));

    // then
    JsonNode detections = result.path("results").get(0).path("detections");
    assertThat(detections).hasSize(2);
    JsonNode best = detections.get(0);
    assertThat(best.path("class_name").asText()).isEqualTo("triangle");
    assertThat(best.path("class_id").asInt()).isEqualTo(2);
    assertThat(best.path("bbox")).hasSize(4);
    assertThat(best.path("bbox").get(2).asDouble()).isBetween(308.0, 309.0);
  }
}
