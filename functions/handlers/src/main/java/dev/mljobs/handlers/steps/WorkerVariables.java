package dev.mljobs.handlers.steps;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The named settings of the worker contract that a job's params give, as the Batch worker's
 * environment variables ({@code JOB_PARAMS} holds them too; these spare a container image that
 * reads only the named variables from parsing it).
 */
final class WorkerVariables {

  private static final Map<String, String> FROM_PARAMS = new LinkedHashMap<>();

  static {
    FROM_PARAMS.put("model_id", "MODEL_URI");
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
   * @return variable name to value, for the params that are set (and scalar)
   */
  static Map<String, String> of(JsonNode params, String outputUri) {
    Map<String, String> variables = new LinkedHashMap<>();
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
