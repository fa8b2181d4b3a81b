package dev.mljobs.core.model;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * A model jobs can name by {@code params.model_id}: a built-in one, or one an owner registered.
 *
 * @param owner who registered it; {@code null} for a built-in model, which every owner sees
 * @param modelUri {@code s3://bucket/key} of the ONNX file; {@code builtin:...} for built-ins
 * @param labels class names in index order (vision models); empty for text models
 * @param preprocessing the checked preprocessing, with every default filled in (see {@link
 *     ModelRequest})
 * @param createdAt when it was registered; {@code null} for a built-in model
 */
public record Model(
    String owner,
    String modelId,
    TaskType taskType,
    String modelUri,
    List<String> labels,
    ObjectNode preprocessing,
    Instant createdAt) {

  /** Timestamps in the API's one shape: UTC, milliseconds, {@code Z}. */
  private static final DateTimeFormatter ISO_MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  public Model {
    if (modelId == null || modelId.isBlank() || taskType == null || modelUri == null) {
      throw new IllegalArgumentException("model_id, task_type and model_uri are required");
    }
    if (preprocessing == null) {
      throw new IllegalArgumentException("preprocessing is required");
    }
    if ((owner == null) != (createdAt == null)) {
      throw new IllegalArgumentException("a registered model has an owner and a created_at");
    }
    labels = List.copyOf(labels);
    preprocessing = preprocessing.deepCopy();
  }

  /** Returns a copy: the record must stay immutable. */
  @Override
  public ObjectNode preprocessing() {
    return preprocessing.deepCopy();
  }

  public boolean builtIn() {
    return owner == null;
  }

  /**
   * What a worker needs to run the model, and nothing else: {@code model_id}, {@code task_type},
   * {@code model_uri}, {@code labels}, {@code preprocessing}. The worker contract carries this.
   */
  public ObjectNode spec() {
    ObjectNode spec = JsonNodeFactory.instance.objectNode();
    spec.put("model_id", modelId);
    spec.put("task_type", taskType.wireName());
    spec.put("model_uri", modelUri);
    labels.forEach(spec.putArray("labels")::add);
    spec.set("preprocessing", preprocessing.deepCopy());
    return spec;
  }

  /** The model as the API shows it: the spec plus {@code built_in} and {@code created_at}. */
  public ObjectNode json() {
    ObjectNode json = spec();
    json.put("built_in", builtIn());
    json.put("created_at", createdAt == null ? null : ISO_MILLIS.format(createdAt));
    return json;
  }
}
