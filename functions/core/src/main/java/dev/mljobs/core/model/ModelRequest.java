package dev.mljobs.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mljobs.core.storage.UriFields;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a {@code POST /v1/models} body strictly, reporting every wrong field at once. The fields
 * are checked here; whether the ONNX file itself fits is the {@link ModelInspector}'s part.
 *
 * <p>The preprocessing of a vision model is normalised with its defaults: {@code colour} {@code
 * rgb}, {@code resize} {@code stretch} ({@code pad_value} 114 with {@code letterbox}), {@code
 * scale} 1/255, {@code mean} 0 and {@code std} 1 per channel. A text model's is {@code
 * tokenizer_uri} (required) and {@code max_length} (256).
 */
public final class ModelRequest {

  /** The fields of a registration; {@code docs/openapi.yaml} documents exactly these. */
  public static final Set<String> FIELDS =
      Set.of("model_id", "task_type", "model_uri", "labels", "preprocessing");

  /** The fields that name S3 objects, which must lie in the owner's space. */
  public static final UriFields URI_FIELDS =
      UriFields.of("model_uri", "preprocessing.tokenizer_uri");

  /** The preprocessing fields of a vision model. */
  public static final Set<String> VISION_FIELDS =
      Set.of("width", "height", "colour", "resize", "pad_value", "scale", "mean", "std");

  /** The preprocessing fields of a text model. */
  public static final Set<String> TEXT_FIELDS = Set.of("tokenizer_uri", "max_length");

  /**
   * In bytes, as characters: a model id is ASCII (well under the models table's sort key bound).
   */
  public static final int MAX_ID_LENGTH = 128;

  public static final int MAX_INPUT_SIDE = 4096;
  public static final int MAX_LABELS = 10_000;

  /**
   * The labels' characters in all: a model's spec travels with every job that uses it, in the
   * workflow's state (at most 256 KB, shared with the params) and the Batch environment.
   */
  public static final int MAX_LABEL_CHARS = 32_768;

  public static final int MAX_TEXT_LENGTH = 8192;
  static final int DEFAULT_MAX_LENGTH = 256;

  /** Path-like ids: segments of letters, digits, {@code . _ -}, separated by single slashes. */
  private static final Pattern MODEL_ID =
      Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)*");

  private static final Pattern S3_URI = Pattern.compile("s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]/.+");

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final List<FieldError> errors = new ArrayList<>();
  private final JsonNode body;

  private ModelRequest(JsonNode body) {
    this.body = body;
  }

  /**
   * @return the model to register, owned by {@code owner} and created {@code now}
   * @throws InvalidModelException listing every wrong field
   */
  public static Model parse(JsonNode body, String owner, Instant now) {
    if (body == null || !body.isObject()) {
      throw new InvalidModelException(List.of(new FieldError("body", "must be a JSON object")));
    }
    return new ModelRequest(body).read(owner, now);
  }

  /** Whether {@code id} is a well-formed model id (it may contain {@code /}). */
  public static boolean isModelId(String id) {
    return id != null && id.length() <= MAX_ID_LENGTH && MODEL_ID.matcher(id).matches();
  }

  private Model read(String owner, Instant now) {
    body.fieldNames()
        .forEachRemaining(
            name -> {
              if (!FIELDS.contains(name)) {
                error(name, "is not a field of a model registration");
              }
            });
    String modelId = text("model_id");
    if (modelId != null && !isModelId(modelId)) {
      error(
          "model_id",
          "must be at most "
              + MAX_ID_LENGTH
              + " bytes: letters, digits, '.', '_', '-' in segments separated by single '/'");
    }
    TaskType taskType = null;
    String task = text("task_type");
    if (task != null) {
      try {
        taskType = TaskType.fromWire(task);
      } catch (IllegalArgumentException e) {
        error("task_type", e.getMessage());
      }
    }
    String modelUri = text("model_uri");
    if (modelUri != null && !S3_URI.matcher(modelUri).matches()) {
      error("model_uri", "must be s3://bucket/key, got '" + modelUri + "'");
    }
    List<String> labels = labels(taskType);
    ObjectNode preprocessing = null;
    JsonNode p = body.get("preprocessing");
    if (p != null && !p.isNull() && !p.isObject()) {
      error("preprocessing", "must be an object");
    } else if (taskType != null) {
      ObjectNode given = p == null || p.isNull() ? JSON.objectNode() : (ObjectNode) p;
      preprocessing = taskType.vision() ? vision(given) : text(given);
    }
    if (!errors.isEmpty()) {
      throw new InvalidModelException(errors);
    }
    return new Model(owner, modelId, taskType, modelUri, labels, preprocessing, now);
  }

  private List<String> labels(TaskType taskType) {
    JsonNode node = body.get("labels");
    boolean absent = node == null || node.isNull() || (node.isArray() && node.isEmpty());
    if (taskType != null && !taskType.vision()) {
      if (!absent) {
        error("labels", "must be absent for task_type txt2embed");
      }
      return List.of();
    }
    if (absent) {
      if (taskType != null) {
        error("labels", "is required for task_type " + taskType.wireName() + ": the class names");
      }
      return List.of();
    }
    if (!node.isArray() || node.size() > MAX_LABELS) {
      error("labels", "must be a list of 1 to " + MAX_LABELS + " class names");
      return List.of();
    }
    List<String> labels = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    int chars = 0;
    for (int i = 0; i < node.size(); i++) {
      JsonNode label = node.get(i);
      if (!label.isTextual() || label.asText().isBlank() || label.asText().length() > 256) {
        error("labels[" + i + "]", "must be a non-empty string of at most 256 characters");
      } else if (!seen.add(label.asText())) {
        error("labels[" + i + "]", "'" + label.asText() + "' is given twice");
      } else {
        labels.add(label.asText());
        chars += label.asText().length();
      }
    }
    if (chars > MAX_LABEL_CHARS) {
      error("labels", "must total at most " + MAX_LABEL_CHARS + " characters, got " + chars);
    }
    return labels;
  }

  private ObjectNode vision(ObjectNode p) {
    unknownFields(p, VISION_FIELDS, TEXT_FIELDS, "an image model");
    ObjectNode out = JSON.objectNode();
    for (String side : List.of("width", "height")) {
      JsonNode v = p.get(side);
      if (v == null || v.isNull()) {
        error("preprocessing." + side, "is required: the model's input " + side + " in pixels");
      } else if (!v.isIntegralNumber() || v.asLong() < 1 || v.asLong() > MAX_INPUT_SIDE) {
        error("preprocessing." + side, "must be an integer from 1 to " + MAX_INPUT_SIDE);
      } else {
        out.put(side, v.asInt());
      }
    }
    String colour = choice(p, "colour", "rgb", List.of("rgb", "grayscale"));
    out.put("colour", colour);
    String resize =
        choice(p, "resize", "stretch", List.of("stretch", "letterbox", "shorter_side_center_crop"));
    out.put("resize", resize);
    JsonNode pad = p.get("pad_value");
    if (pad != null && !pad.isNull() && !"letterbox".equals(resize)) {
      error("preprocessing.pad_value", "applies only to resize letterbox");
    } else if ("letterbox".equals(resize)) {
      if (pad == null || pad.isNull()) {
        out.put("pad_value", 114);
      } else if (!pad.isIntegralNumber() || pad.asInt() < 0 || pad.asInt() > 255) {
        error("preprocessing.pad_value", "must be an integer from 0 to 255");
      } else {
        out.put("pad_value", pad.asInt());
      }
    }
    JsonNode scale = p.get("scale");
    if (scale == null || scale.isNull()) {
      out.put("scale", 1.0 / 255);
    } else if (!scale.isNumber() || !(scale.asDouble() > 0) || scale.asDouble() > 1) {
      error("preprocessing.scale", "must be a number above 0 and at most 1 (1/255 by default)");
    } else {
      out.put("scale", scale.asDouble());
    }
    int channels = "grayscale".equals(colour) ? 1 : 3;
    out.set("mean", perChannel(p, "mean", channels, 0, false));
    out.set("std", perChannel(p, "std", channels, 1, true));
    return out;
  }

  private ObjectNode text(ObjectNode p) {
    unknownFields(p, TEXT_FIELDS, VISION_FIELDS, "a text model");
    ObjectNode out = JSON.objectNode();
    JsonNode tokenizer = p.get("tokenizer_uri");
    if (tokenizer == null || tokenizer.isNull()) {
      error(
          "preprocessing.tokenizer_uri",
          "is required for task_type txt2embed: s3://bucket/key of a HuggingFace tokenizer.json");
    } else if (!tokenizer.isTextual() || !S3_URI.matcher(tokenizer.asText()).matches()) {
      error("preprocessing.tokenizer_uri", "must be s3://bucket/key");
    } else {
      out.put("tokenizer_uri", tokenizer.asText());
    }
    JsonNode max = p.get("max_length");
    if (max == null || max.isNull()) {
      out.put("max_length", DEFAULT_MAX_LENGTH);
    } else if (!max.isIntegralNumber() || max.asInt() < 3 || max.asInt() > MAX_TEXT_LENGTH) {
      error("preprocessing.max_length", "must be an integer from 3 to " + MAX_TEXT_LENGTH);
    } else {
      out.put("max_length", max.asInt());
    }
    return out;
  }

  private void unknownFields(ObjectNode p, Set<String> known, Set<String> other, String kind) {
    p.fieldNames()
        .forEachRemaining(
            name -> {
              if (other.contains(name)) {
                error("preprocessing." + name, "does not apply to " + kind);
              } else if (!known.contains(name)) {
                error("preprocessing." + name, "is not a preprocessing field");
              }
            });
  }

  private String choice(ObjectNode p, String field, String absent, List<String> allowed) {
    JsonNode v = p.get(field);
    if (v == null || v.isNull()) {
      return absent;
    }
    String value = v.isTextual() ? v.asText().toLowerCase(java.util.Locale.ROOT) : null;
    if (!allowed.contains(value)) {
      error("preprocessing." + field, "must be one of " + String.join(", ", allowed));
      return absent;
    }
    return value;
  }

  private ArrayNode perChannel(
      ObjectNode p, String field, int channels, double absent, boolean positive) {
    ArrayNode out = JSON.arrayNode();
    JsonNode v = p.get(field);
    if (v == null || v.isNull()) {
      for (int c = 0; c < channels; c++) {
        out.add(absent);
      }
      return out;
    }
    boolean ok = v.isArray() && v.size() == channels;
    for (int c = 0; ok && c < v.size(); c++) {
      double d = v.get(c).asDouble();
      ok = v.get(c).isNumber() && Double.isFinite(d) && (!positive || d > 0);
      out.add(d);
    }
    if (!ok) {
      error(
          "preprocessing." + field,
          "must be "
              + channels
              + (channels == 1 ? " number" : " numbers")
              + (positive ? " above 0" : "")
              + ", one per channel of the colour mode");
    }
    return out;
  }

  private String text(String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      error(field, "is required");
      return null;
    }
    if (!v.isTextual() || v.asText().isBlank()) {
      error(field, "must be a non-empty string");
      return null;
    }
    return v.asText();
  }

  private void error(String field, String message) {
    errors.add(new FieldError(field, message));
  }
}
