package dev.mljobs.worker.vision;

import ai.onnxruntime.OrtException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mljobs.worker.TransientJobFailedException;
import dev.mljobs.worker.batch.ItemRunner;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/** Image classification and object detection as {@link ItemRunner}s of a batch job. */
public final class VisionItems implements ItemRunner {

  private final String modelId;
  private final BatchPredictor predictor;

  private VisionItems(String modelId, BatchPredictor predictor) {
    this.modelId = modelId;
    this.predictor = predictor;
  }

  /** Each image's {@code predictions}: its {@code topK} most probable classes. */
  public static ItemRunner classification(VisionModel model, int topK) {
    Classifier classifier = new Classifier(model);
    return new VisionItems(
        model.id(),
        images ->
            classifier.classify(images, topK).stream().map(ImageClassificationTask::json).toList());
  }

  /** Each image's {@code detections}. */
  public static ItemRunner detection(VisionModel model, DetectionSettings settings) {
    Detector detector = new Detector(model);
    return new VisionItems(
        model.id(),
        images ->
            detector.detect(images, settings).stream()
                .map(d -> ObjectDetectionTask.json(model, d))
                .toList());
  }

  @Override
  public List<Outcome> run(List<byte[]> inputs) {
    Outcome[] outcomes = new Outcome[inputs.size()];
    List<BufferedImage> images = new ArrayList<>();
    List<Integer> positions = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      try {
        images.add(ImageDecoder.decode(inputs.get(i)));
        positions.add(i);
      } catch (UnreadableImageException e) {
        outcomes[i] = Outcome.failed(e.getMessage());
      }
    }
    if (!images.isEmpty()) {
      List<JsonNode> results;
      try {
        results = predictor.predict(images);
      } catch (OrtException e) {
        throw new TransientJobFailedException("the model failed to run: " + e.getMessage());
      }
      for (int j = 0; j < positions.size(); j++) {
        outcomes[positions.get(j)] = Outcome.ok((ObjectNode) results.get(j));
      }
    }
    return List.of(outcomes);
  }

  @Override
  public String modelId() {
    return modelId;
  }

  @Override
  public int defaultBatchSize() {
    return 8;
  }

  @Override
  public int maxBatchSize() {
    return 64;
  }

  @Override
  public long maxItemBytes() {
    return ImageSource.MAX_IMAGE_BYTES;
  }
}
