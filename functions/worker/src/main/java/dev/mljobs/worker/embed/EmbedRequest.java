package dev.mljobs.worker.embed;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mljobs.worker.Device;
import dev.mljobs.worker.JobFailedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a {@code txt2embed} job asks for, checked: {@code params.model_id}, {@code
 * params.input_data.text} (one string) or {@code params.input_data.texts} (1 to 2048 strings), and
 * {@code params.batch_size}, {@code params.device} ({@code cpu} or {@code cuda}; default: the
 * worker's {@code DEVICE}).
 *
 * @param single whether the job gave one {@code text} (and gets one {@code embedding} back)
 * @param device where to run the model, or null for the worker's {@code DEVICE}
 */
public record EmbedRequest(
    ModelSpec model, List<String> texts, boolean single, int batchSize, Device device) {

  public static final int MAX_TEXTS = 2048;
  public static final int MAX_BATCH_SIZE = 512;
  public static final int DEFAULT_BATCH_SIZE = 32;

  public EmbedRequest {
    if (model == null) {
      throw new JobFailedException("params.model_id is required");
    }
    if (texts == null || texts.isEmpty() || texts.size() > MAX_TEXTS) {
      throw new JobFailedException(
          "params.input_data.texts must hold 1 to " + MAX_TEXTS + " strings");
    }
    if (single && texts.size() != 1) {
      throw new JobFailedException("params.input_data.text must be one string");
    }
    if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
      throw new JobFailedException(
          "params.batch_size must be an integer from 1 to " + MAX_BATCH_SIZE);
    }
    texts = List.copyOf(texts);
  }

  /**
   * @param params the job's params
   * @throws JobFailedException naming the field that is missing or wrong
   */
  public static EmbedRequest from(JsonNode params) {
    return from(params, null);
  }

  /**
   * @param registered the registered model the job names, or {@code null} for a built-in one
   * @throws JobFailedException naming the field that is missing or wrong
   */
  public static EmbedRequest from(JsonNode params, ModelSpec registered) {
    ModelSpec model = model(params, registered);
    JsonNode input = params.path("input_data");
    JsonNode text = input.path("text");
    JsonNode texts = input.path("texts");
    if (!text.isMissingNode() && !texts.isMissingNode()) {
      throw new JobFailedException("params.input_data must have either text or texts, not both");
    }
    JsonNode batchSize = params.path("batch_size");
    if (!batchSize.isMissingNode() && !batchSize.canConvertToExactIntegral()) {
      throw new JobFailedException(
          "params.batch_size must be an integer from 1 to " + MAX_BATCH_SIZE);
    }
    int size = batchSize.isMissingNode() ? DEFAULT_BATCH_SIZE : batchSize.asInt();
    JsonNode deviceNode = params.path("device");
    if (!deviceNode.isMissingNode() && !deviceNode.isTextual()) {
      throw new JobFailedException("params.device must be cpu or cuda");
    }
    Device device =
        deviceNode.isMissingNode() ? null : Device.parse(deviceNode.asText(), "params.device");
    if (!text.isMissingNode()) {
      if (!text.isTextual()) {
        throw new JobFailedException("params.input_data.text must be a string");
      }
      if (text.asText().isBlank()) {
        throw new JobFailedException("params.input_data.text is empty");
      }
      return new EmbedRequest(model, List.of(text.asText()), true, size, device);
    }
    if (texts.isMissingNode()) {
      throw new JobFailedException("params.input_data.text or params.input_data.texts is required");
    }
    return new EmbedRequest(model, strings(texts), false, size, device);
  }

  /**
   * The model {@code params.model_id} names: {@code registered} when given, else a built-in one.
   *
   * @throws JobFailedException when the id is missing or names no model this worker has
   */
  static ModelSpec model(JsonNode params, ModelSpec registered) {
    JsonNode modelId = params.path("model_id");
    if (!modelId.isTextual()) {
      throw new JobFailedException("params.model_id is required (a string)");
    }
    return Optional.ofNullable(registered)
        .or(() -> ModelSpec.find(modelId.asText()))
        .orElseThrow(
            () ->
                new JobFailedException(
                    "params.model_id '"
                        + modelId.asText()
                        + "' is not a known model (known: "
                        + ModelSpec.ALL_MINILM_L6_V2.id()
                        + ", and registered models)"));
  }

  private static List<String> strings(JsonNode texts) {
    if (!texts.isArray()) {
      throw new JobFailedException("params.input_data.texts must be a list of strings");
    }
    List<String> out = new ArrayList<>(texts.size());
    for (int i = 0; i < texts.size(); i++) {
      if (!texts.get(i).isTextual()) {
        throw new JobFailedException("params.input_data.texts[" + i + "] must be a string");
      }
      if (texts.get(i).asText().isBlank()) {
        throw new JobFailedException("params.input_data.texts[" + i + "] is empty");
      }
      out.add(texts.get(i).asText());
    }
    return out;
  }
}
