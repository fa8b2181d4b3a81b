package dev.mljobs.handlers.steps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mljobs.core.model.Model;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The named settings of the worker contract, as the Batch worker's environment variables ({@code
 * JOB_PARAMS} holds the params too; these spare a container image that reads only the named
 * variables from parsing it). The model is {@code MODEL_URI}: a registered model's file, with its
 * spec in {@code MODEL_SPEC}, or the id of a built-in model.
 */
final class WorkerVariables {

  private static final Map<String, String> FROM_PARAMS = new LinkedHashMap<>();

  static {
    FROM_PARAMS.put("input_uri", "INPUT_URI");
    FROM_PARAMS.put("task_type", "TASK_TYPE");
    FROM_PARAMS.put("batch_size", "BATCH_SIZE");
    FROM_PARAMS.put("confidence_threshold", "CONFIDENCE_THRESHOLD");
    FROM_PARAMS.put("iou_threshold", "IOU_THRESHOLD");
    FROM_PARAMS.put("max_detections", "MAX_DETECTIONS");
  }

  private WorkerVariables() {}

  /**
   * @param outputUri the job's output prefix, or {@code null} when it has none
   * @param registered the registered model the job names, or {@code null} (a built-in model, or
   *     none)
   * @return variable name to value, for the settings that are given (and scalar)
   */
  static Map<String, String> of(JsonNode params, String outputUri, Model registered) {
    Map<String, String> variables = new LinkedHashMap<>();
    if (registered != null) {
      variables.put("MODEL_URI", registered.modelUri());
      variables.put("MODEL_SPEC", registered.spec().toString());
    } else if (params.path("model_id").isTextual()) {
      variables.put("MODEL_URI", params.get("model_id").asText());
    }
    FROM_PARAMS.forEach(
        (field, name) -> {
          JsonNode value = params.get(field);
          if (value != null && value.isValueNode() && !value.isNull()) {
            variables.put(name, value.asText());
          }
        });
    if (outputUri != null) {
      variables.put("OUTPUT_URI", outputUri);
    }
    return variables;
  }
}
