package dev.mljobs.core.job;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mljobs.core.model.TaskType;
import java.util.Arrays;
import java.util.List;

/**
 * The params of a {@code batch_inference} job: {@code model_id}, {@code task_type}, {@code
 * input_uri} (an s3:// prefix ending in {@code /}, or a manifest object), optional {@code
 * batch_size}, {@code top_k}, {@code confidence_threshold}, {@code iou_threshold}, {@code
 * max_detections}.
 */
final class BatchInferenceParams {

  /** The task types of the model registry, sorted. */
  private static final List<String> TASK_TYPES =
      Arrays.stream(TaskType.values()).map(TaskType::wireName).sorted().toList();

  private BatchInferenceParams() {}

  static void check(JsonNode p, List<JobParams.Error> errors) {
    if (!p.path("model_id").isTextual() || p.path("model_id").asText().isBlank()) {
      errors.add(new JobParams.Error("params.model_id", "is required"));
    }
    String taskType = p.path("task_type").asText("");
    if (!TASK_TYPES.contains(taskType)) {
      errors.add(
          new JobParams.Error(
              "params.task_type", "is required: one of " + String.join(", ", TASK_TYPES)));
    }
    JsonNode input = p.get("input_uri");
    if (input == null || !input.isTextual() || !isS3(input.asText())) {
      errors.add(
          new JobParams.Error(
              "params.input_uri",
              "is required: an s3://bucket/prefix/ (ending in /) or an s3:// manifest object"));
    }
    int maxBatch = taskType.equals("txt2embed") ? 512 : 64;
    integer(p, "batch_size", 1, maxBatch, errors);
    integer(p, "top_k", 1, 1000, errors);
    integer(p, "max_detections", 1, 10_000, errors);
    fraction(p, "confidence_threshold", errors);
    fraction(p, "iou_threshold", errors);
  }

  /** Whether {@code node} is an {@code s3://bucket/key} string naming an object. */
  static boolean isS3Object(JsonNode node) {
    return node != null
        && node.isTextual()
        && isS3(node.asText())
        && node.asText().indexOf('/', 5) > 5
        && !node.asText().endsWith("/");
  }

  private static boolean isS3(String uri) {
    return uri.startsWith("s3://")
        && uri.length() > 5
        && uri.charAt(5) != '/'
        && !uri.contains(" ");
  }

  private static void integer(
      JsonNode p, String field, int min, int max, List<JobParams.Error> errors) {
    JsonNode node = p.get(field);
    if (node != null
        && !node.isNull()
        && (!node.isIntegralNumber() || node.asLong() < min || node.asLong() > max)) {
      errors.add(
          new JobParams.Error("params." + field, "must be an integer from " + min + " to " + max));
    }
  }

  private static void fraction(JsonNode p, String field, List<JobParams.Error> errors) {
    JsonNode node = p.get(field);
    if (node != null
        && !node.isNull()
        && (!node.isNumber() || node.asDouble() < 0 || node.asDouble() > 1)) {
      errors.add(new JobParams.Error("params." + field, "must be a number from 0 to 1"));
    }
  }
}
