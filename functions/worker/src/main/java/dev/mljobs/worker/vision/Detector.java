package dev.mljobs.worker.vision;

import ai.onnxruntime.OrtException;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Object detection with a YOLOv8 / YOLO11 export: one output {@code [N, 4 + classes, anchors]}
 * whose rows are box centre x, centre y, width, height (in model-input pixels) and then one sigmoid
 * score per class, with no objectness row.
 */
public final class Detector {

  private final ImagePreprocessor preprocessor;
  private final BatchRunner runner;

  /** Creates a detector over the model's cached session. */
  public Detector(VisionModel model) {
    this.preprocessor = new ImagePreprocessor(model.preprocessing());
    this.runner = new BatchRunner(model);
  }

  /**
   * Returns the detections of each image, in order, with boxes in the image's own pixels, most
   * confident first.
   */
  public List<List<Detection>> detect(List<BufferedImage> images, DetectionSettings settings)
      throws OrtException {
    List<PreparedImage> batch = images.stream().map(preprocessor::prepare).toList();
    BatchRunner.Output out = runner.run(batch);
    int rows = (int) out.shape()[1];
    int anchors = (int) out.shape()[2];
    List<List<Detection>> all = new ArrayList<>(images.size());
    for (int i = 0; i < images.size(); i++) {
      List<Detection> candidates =
          decode(out.values(), i * rows * anchors, rows, anchors, settings.confidenceThreshold());
      Placement placement = batch.get(i).placement();
      all.add(
          Nms.apply(candidates, settings.iouThreshold(), settings.maxDetections()).stream()
              .map(d -> d.toSource(placement))
              .toList());
    }
    return all;
  }

  /** Returns the candidates of one image whose best class scores above {@code threshold}. */
  static List<Detection> decode(
      float[] values, int offset, int rows, int anchors, float threshold) {
    List<Detection> candidates = new ArrayList<>();
    for (int a = 0; a < anchors; a++) {
      int best = 4;
      for (int r = 5; r < rows; r++) {
        if (values[offset + r * anchors + a] > values[offset + best * anchors + a]) {
          best = r;
        }
      }
      float score = values[offset + best * anchors + a];
      if (score > threshold) {
        Box box =
            Box.fromCentre(
                values[offset + a],
                values[offset + anchors + a],
                values[offset + 2 * anchors + a],
                values[offset + 3 * anchors + a]);
        candidates.add(new Detection(box, best - 4, score));
      }
    }
    return candidates;
  }
}
