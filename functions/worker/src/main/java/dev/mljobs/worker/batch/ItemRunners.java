package dev.mljobs.worker.batch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mljobs.worker.JobFailedException;
import dev.mljobs.worker.embed.ModelCache;
import dev.mljobs.worker.embed.ModelSpec;
import dev.mljobs.worker.embed.TextItems;
import dev.mljobs.worker.vision.DetectionSettings;
import dev.mljobs.worker.vision.ModelRegistry;
import dev.mljobs.worker.vision.Params;
import dev.mljobs.worker.vision.VisionItems;

/** The runner of each task type, with its model looked up by {@code params.model_id}. */
final class ItemRunners {

  static final String TASK_TYPES = "txt2embed, image_classification, object_detection";

  private ItemRunners() {}

  /**
   * @throws JobFailedException when the task type or the model is unknown, or a setting is wrong
   */
  static ItemRunner forTask(String taskType, JsonNode params) {
    String modelId = Params.requiredText(params, "model_id");
    return switch (taskType) {
      case "txt2embed" ->
          TextItems.of(
              ModelCache.encoder(
                  ModelSpec.find(modelId)
                      .orElseThrow(
                          () ->
                              new JobFailedException(
                                  "params.model_id '" + modelId + "' is not a known text model")),
                  null));
      case "image_classification" ->
          VisionItems.classification(
              ModelRegistry.standard().get(modelId), Params.integer(params, "top_k", 5, 1, 1000));
      case "object_detection" ->
          VisionItems.detection(ModelRegistry.standard().get(modelId), detectionSettings(params));
      default ->
          throw new JobFailedException(
              "params.task_type must be one of " + TASK_TYPES + ", got '" + taskType + "'");
    };
  }

  private static DetectionSettings detectionSettings(JsonNode params) {
    DetectionSettings d = DetectionSettings.DEFAULTS;
    return new DetectionSettings(
        Params.fraction(params, "confidence_threshold", d.confidenceThreshold()),
        Params.fraction(params, "iou_threshold", d.iouThreshold()),
        Params.integer(params, "max_detections", d.maxDetections(), 1, 10_000));
  }
}
