package dev.mljobs.core.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mljobs.core.storage.OwnerSpace;
import dev.mljobs.core.storage.UriFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What each job type needs in its params, checked when a job is submitted so that a mistake is a
 * 400 naming the field, not a job that fails minutes later.
 */
public final class JobParams {

  /** The job types the platform knows. */
  public static final Set<String> TYPES =
      Set.of(
          "inference",
          "batch_inference",
          "embedding_backfill",
          "evaluation",
          "drift",
          "container",
          "sleep");

  /**
   * The params fields of each job type that name S3 locations, all of which must lie in the job
   * owner's space; a job type that names none is absent. A new job kind declares its fields here.
   */
  public static final Map<String, UriFields> URI_FIELDS =
      Map.of(
          "inference", UriFields.of("input_data.image_uris[]"),
          "batch_inference", UriFields.of("input_uri"));

  /** One problem with a field, named as the client wrote it. */
  public record Error(String field, String message) {}

  private JobParams() {}

  /** Every problem with {@code params} for a job of {@code jobType}; empty when all is well. */
  public static List<Error> check(String jobType, ObjectNode params) {
    List<Error> errors = new ArrayList<>();
    if (!TYPES.contains(jobType)) {
      errors.add(
          new Error(
              "job_type", "must be one of " + String.join(", ", TYPES.stream().sorted().toList())));
      return errors;
    }
    JsonNode p =
        params == null
            ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
            : params;
    switch (jobType) {
      case "sleep" -> {
        JsonNode seconds = p.get("seconds");
        if (seconds == null
            || !seconds.isNumber()
            || seconds.asDouble() < 0
            || seconds.asDouble() > 3600) {
          errors.add(
              new Error("params.seconds", "is required: a number of seconds from 0 to 3600"));
        }
        JsonNode padding = p.get("result_bytes");
        if (padding != null
            && (!padding.isIntegralNumber()
                || padding.asInt() < 0
                || padding.asInt() > 1_000_000)) {
          errors.add(new Error("params.result_bytes", "must be an integer from 0 to 1000000"));
        }
        JsonNode failUntil = p.get("fail_until_attempt");
        if (failUntil != null && (!failUntil.isIntegralNumber() || failUntil.asInt() < 0)) {
          errors.add(new Error("params.fail_until_attempt", "must be a non-negative integer"));
        }
        JsonNode fail = p.get("fail");
        if (fail != null && !fail.isBoolean() && !fail.isTextual()) {
          errors.add(new Error("params.fail", "must be true/false or a message"));
        }
      }
      case "inference" -> {
        for (String field : List.of("model_id", "task_type")) {
          if (!p.path(field).isTextual()) {
            errors.add(new Error("params." + field, "is required"));
          }
        }
        if (!p.path("input_data").isObject()) {
          errors.add(new Error("params.input_data", "is required: an object"));
        }
        checkImageUris(p.path("input_data").get("image_uris"), errors);
        checkTexts(p.path("input_data"), errors);
      }
      case "batch_inference" -> BatchInferenceParams.check(p, errors);
      default -> {
        // checked by the worker of that type
      }
    }
    return errors;
  }

  /**
   * Every S3 URI of {@code params} that {@code space} does not hold, named as {@code
   * params.<field>}. The answer depends on the URIs alone, never on whether an object is there.
   */
  public static List<Error> checkUris(String jobType, JsonNode params, OwnerSpace space) {
    UriFields fields = URI_FIELDS.get(jobType);
    if (fields == null || params == null) {
      return List.of();
    }
    return fields.check(params, space, "params.").stream()
        .map(e -> new Error(e.field(), e.message()))
        .toList();
  }

  /** An empty text has no embedding worth computing: a mistake, said at submission. */
  private static void checkTexts(JsonNode input, List<Error> errors) {
    if (input.path("text").isTextual() && input.path("text").asText().isBlank()) {
      errors.add(new Error("params.input_data.text", "must not be empty"));
    }
    JsonNode texts = input.path("texts");
    for (int i = 0; i < texts.size() && texts.isArray(); i++) {
      if (texts.get(i).isTextual() && texts.get(i).asText().isBlank()) {
        errors.add(new Error("params.input_data.texts[" + i + "]", "must not be empty"));
      }
    }
  }

  private static void checkImageUris(JsonNode uris, List<Error> errors) {
    if (uris == null) {
      return;
    }
    if (!uris.isArray() || uris.isEmpty()) {
      errors.add(
          new Error("params.input_data.image_uris", "must be a non-empty list of s3:// URIs"));
      return;
    }
    for (int i = 0; i < uris.size(); i++) {
      if (!BatchInferenceParams.isS3Object(uris.get(i))) {
        errors.add(
            new Error("params.input_data.image_uris[" + i + "]", "must be an s3://bucket/key URI"));
      }
    }
  }
}
