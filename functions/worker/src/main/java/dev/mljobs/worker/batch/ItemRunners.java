package dev.mljobs.worker.batch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mljobs.worker.JobFailedException;
import dev.mljobs.worker.Work;
import dev.mljobs.worker.embed.ModelCache;
import dev.mljobs.worker.embed.TextEmbeddingTask;
import dev.mljobs.worker.embed.TextItems;
import dev.mljobs.worker.model.ModelFiles;
import dev.mljobs.worker.vision.DetectionSettings;
import dev.mljobs.worker.vision.Params;
import dev.mljobs.worker.vision.VisionItems;
import dev.mljobs.worker.vision.VisionModels;

/**
 * The runner of each task type, with the model the job names: a built-in one, or the registered one
 * whose spec the work carries (its files fetched into the model cache), as for {@code inference}.
 */
final class ItemRunners {

  static final String TASK_TYPES = "txt2embed, image_classification, object_detection";

  private ItemRunners() {}

  /**
   * @throws JobFailedException when the task type or the model is unknown, the model cannot be
   *     fetched, or a setting is wrong
   */
  static ItemRunner forTask(String taskType, Work work, ModelFiles files) {
    JsonNode params = work.params();
    Params.requiredText(params, "model_id");
    return switch (taskType) {
      case "txt2embed" ->
          TextItems.of(ModelCache.encoder(TextEmbeddingTask.model(work, files), null));
      case "image_classification" ->
          VisionItems.classification(
              VisionModels.of(work, taskType, files), Params.integer(params, "top_k", 5, 1, 1000));
      case "object_detection" ->
          VisionItems.detection(VisionModels.of(work, taskType, files), detectionSettings(params));
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
