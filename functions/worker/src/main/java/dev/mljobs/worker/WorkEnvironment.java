package dev.mljobs.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mljobs.core.job.TraceIds;
import dev.mljobs.core.storage.OwnerSpace;
import java.io.IOException;
import java.util.Map;

/**
 * The CLI's work from its environment (the AWS Batch path): {@code JOB_ID}, {@code ATTEMPT}, {@code
 * JOB_TYPE}, {@code JOB_PARAMS} (JSON) and the named settings {@code MODEL_URI}, {@code
 * MODEL_SPEC}, {@code INPUT_URI}, {@code OUTPUT_URI}, {@code TASK_TYPE}, {@code BATCH_SIZE}, {@code
 * CONFIDENCE_THRESHOLD}, {@code IOU_THRESHOLD}, {@code MAX_DETECTIONS}, {@code DEVICE}, and {@code
 * OWNER_SPACE} (the S3 prefixes the job may read, separated by spaces), and {@code TRACE_ID}. A
 * named setting, when set, overrides the matching field of {@code JOB_PARAMS}, so the same {@link
 * Work} comes out as from the Lambda payload.
 *
 * <p>The model: {@code MODEL_URI} is a built-in model's id, or the {@code s3://} file of a
 * registered model whose spec (as {@code GET /v1/models/{id}} shows it) is {@code MODEL_SPEC}.
 */
final class WorkEnvironment {

  private static final ObjectMapper JSON = new ObjectMapper();

  private WorkEnvironment() {}

  /**
   * @throws IllegalArgumentException with a one-line reason naming the variable that is wrong
   */
  static Work from(Map<String, String> env) {
    ObjectNode params = jobParams(env.get("JOB_PARAMS"));
    ObjectNode model = model(env.get("MODEL_URI"), env.get("MODEL_SPEC"));
    if (model != null) {
      params.put("model_id", model.get("model_id").asText());
    } else if (env.get("MODEL_URI") != null) {
      params.put("model_id", env.get("MODEL_URI"));
    }
    String input = env.get("INPUT_URI");
    if (input != null) {
      params.put("input_uri", s3(input, "INPUT_URI"));
    }
    String output = env.get("OUTPUT_URI");
    if (output != null) {
      s3(output, "OUTPUT_URI");
      output = output.endsWith("/") ? output : output + "/";
    }
    copy(env, "TASK_TYPE", params, "task_type");
    integer(env, "BATCH_SIZE", params, "batch_size");
    fraction(env, "CONFIDENCE_THRESHOLD", params, "confidence_threshold");
    fraction(env, "IOU_THRESHOLD", params, "iou_threshold");
    integer(env, "MAX_DETECTIONS", params, "max_detections");
    device(env.getOrDefault("DEVICE", "cpu"));
    String jobType = env.get("JOB_TYPE");
    if (jobType == null) {
      if (input == null) {
        throw new IllegalArgumentException("JOB_TYPE is not set (nor INPUT_URI, for a batch)");
      }
      jobType = "batch_inference";
    }
    String jobId = env.get("JOB_ID");
    if (jobId == null) {
      throw new IllegalArgumentException("JOB_ID is not set");
    }
    String attempt = env.getOrDefault("ATTEMPT", "1");
    OwnerSpace space = ownerSpace(env.get(OwnerSpace.WORK_ENV));
    try {
      return new Work(
          java.util.UUID.fromString(jobId),
          positive(attempt, "ATTEMPT"),
          jobType,
          params,
          env.get("CALLBACK_URL"),
          env.get("CALLBACK_TOKEN"),
          output,
          model,
          space,
          env.get(TraceIds.WORK_ENV));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          e.getMessage().startsWith("ATTEMPT") ? e.getMessage() : "JOB_ID must be a UUID");
    }
  }

  /** {@link OwnerSpace#WORK_ENV}: the owner's prefixes, separated by spaces. */
  private static OwnerSpace ownerSpace(String text) {
    if (text == null || text.isBlank()) {
      return OwnerSpace.NONE;
    }
    try {
      return OwnerSpace.of("", java.util.List.of(text.strip().split("\\s+")));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          OwnerSpace.WORK_ENV + " must be s3:// prefixes ending in /, separated by spaces");
    }
  }

  private static ObjectNode jobParams(String text) {
    if (text == null || text.isBlank()) {
      return JsonNodeFactory.instance.objectNode();
    }
    try {
      JsonNode params = JSON.readTree(text);
      if (params instanceof ObjectNode object) {
        return object;
      }
    } catch (IOException e) {
      // reported below
    }
    throw new IllegalArgumentException("JOB_PARAMS must be a JSON object");
  }

  /**
   * The registered model's spec, its {@code model_uri} replaced by {@code MODEL_URI} when that is
   * set; {@code null} for a built-in model (or none).
   */
  private static ObjectNode model(String uri, String specText) {
    boolean file = uri != null && (uri.startsWith("s3://") || uri.startsWith("file:"));
    if (specText == null || specText.isBlank()) {
      if (file) {
        throw new IllegalArgumentException(
            "MODEL_URI "
                + uri
                + " is a registered model's file: MODEL_SPEC must give its spec (GET"
                + " /v1/models/{model_id})");
      }
      if (uri != null && uri.isBlank()) {
        throw new IllegalArgumentException("MODEL_URI is empty");
      }
      return null;
    }
    ObjectNode spec = null;
    try {
      spec = JSON.readTree(specText) instanceof ObjectNode object ? object : null;
    } catch (IOException e) {
      // reported below
    }
    if (spec == null
        || !spec.path("model_id").isTextual()
        || !spec.path("task_type").isTextual()
        || !spec.path("model_uri").isTextual()) {
      throw new IllegalArgumentException(
          "MODEL_SPEC must be a JSON object with model_id, task_type and model_uri");
    }
    if (uri != null) {
      if (!file) {
        s3(uri, "MODEL_URI");
      }
      spec.put("model_uri", uri);
    }
    return spec;
  }

  private static String s3(String value, String name) {
    if (!value.startsWith("s3://") || value.length() == 5 || value.charAt(5) == '/') {
      throw new IllegalArgumentException(name + " must be an s3://bucket/… URI, got " + value);
    }
    return value;
  }

  private static void copy(Map<String, String> env, String name, ObjectNode params, String field) {
    String value = env.get(name);
    if (value != null) {
      if (value.isBlank()) {
        throw new IllegalArgumentException(name + " is empty");
      }
      params.put(field, value);
    }
  }

  private static void integer(
      Map<String, String> env, String name, ObjectNode params, String field) {
    String value = env.get(name);
    if (value != null) {
      params.put(field, positive(value, name));
    }
  }

  private static int positive(String value, String name) {
    try {
      int n = Integer.parseInt(value.strip());
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(name + " must be a positive integer, got " + value);
  }

  private static void fraction(
      Map<String, String> env, String name, ObjectNode params, String field) {
    String value = env.get(name);
    if (value == null) {
      return;
    }
    try {
      double d = Double.parseDouble(value.strip());
      if (d >= 0 && d <= 1) {
        params.put(field, d);
        return;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(name + " must be a number from 0 to 1, got " + value);
  }

  /**
   * {@code cuda} where this build's ONNX Runtime has no CUDA provider (or there is no GPU) runs on
   * the CPU with a warning: see {@link Device}.
   */
  private static void device(String device) {
    if (!device.equals("cpu") && !device.equals("cuda")) {
      throw new IllegalArgumentException("DEVICE must be cpu or cuda, got " + device);
    }
  }
}
