package dev.mljobs.worker.vision;

/**
 * Post-processing of a detector.
 *
 * @param confidenceThreshold a candidate is kept when its best class score is above this
 * @param iouThreshold same-class boxes overlapping more than this are merged by NMS
 * @param maxDetections at most this many detections per image, the most confident
 */
public record DetectionSettings(float confidenceThreshold, float iouThreshold, int maxDetections) {

  /** The Ultralytics defaults: conf 0.25, IoU 0.45, 100 detections. */
  public static final DetectionSettings DEFAULTS = new DetectionSettings(0.25f, 0.45f, 100);

  public DetectionSettings {
    if (!(confidenceThreshold >= 0 && confidenceThreshold <= 1)) {
      throw new IllegalArgumentException("confidence_threshold must be from 0 to 1");
    }
    if (!(iouThreshold >= 0 && iouThreshold <= 1)) {
      throw new IllegalArgumentException("iou_threshold must be from 0 to 1");
    }
    if (maxDetections < 1 || maxDetections > 10_000) {
      throw new IllegalArgumentException("max_detections must be from 1 to 10000");
    }
  }
}
