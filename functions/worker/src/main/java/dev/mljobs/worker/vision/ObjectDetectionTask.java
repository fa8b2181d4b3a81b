package dev.mljobs.worker.vision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mljobs.worker.JobFailedException;
import dev.mljobs.worker.Progress;
import dev.mljobs.worker.Work;
import dev.mljobs.worker.model.ModelFiles;
import dev.mljobs.worker.s3.S3Objects;
import java.util.List;

/**
 * The {@code object_detection} job, for YOLOv8 / YOLO11 exports: {@code params.model_id}, {@code
 * params.input_data} (see {@link ImageInputs}), {@code confidence_threshold} (0.25), {@code
 * iou_threshold} (0.45), {@code max_detections} (100). Each image's result is {@code {"detections":
 * [{bbox: [x1, y1, x2, y2], class_id, class_name, confidence}, ...]}}, boxes in the image's pixels.
 */
public final class ObjectDetectionTask {

  private ObjectDetectionTask() {}

  /**
   * Runs the job with the model its {@code model} spec describes.
   *
   * @throws JobFailedException when the parameters are wrong or no image is usable
   * @throws InterruptedException when the worker is stopped
   */
  public static JsonNode run(Work work, Progress progress, S3Objects s3, ModelFiles files)
      throws InterruptedException {
    VisionModel model = VisionModels.of(work, "object_detection", files);
    String modelId = model.id();
    DetectionSettings defaults = DetectionSettings.DEFAULTS;
    DetectionSettings settings =
        new DetectionSettings(
            Params.fraction(work.params(), "confidence_threshold", defaults.confidenceThreshold()),
            Params.fraction(work.params(), "iou_threshold", defaults.iouThreshold()),
            Params.integer(work.params(), "max_detections", defaults.maxDetections(), 1, 10_000));
    Detector detector = new Detector(model);
    return VisionJob.run(
        work,
        progress,
        s3,
        modelId,
        images -> detector.detect(images, settings).stream().map(d -> json(model, d)).toList());
  }

  static JsonNode json(VisionModel model, List<Detection> detections) {
    ArrayNode array = JsonNodeFactory.instance.arrayNode();
    for (Detection d : detections) {
      ObjectNode item = array.addObject();
      item.putArray("bbox").add(d.box().x1()).add(d.box().y1()).add(d.box().x2()).add(d.box().y2());
      item.put("class_id", d.classId());
      item.put("class_name", model.label(d.classId()));
      item.put("confidence", d.confidence());
    }
    ObjectNode result = JsonNodeFactory.instance.objectNode();
    result.set("detections", array);
    return result;
  }
}
