package dev.mljobs.worker.vision;

import ai.onnxruntime.OrtException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mljobs.core.job.FailureKind;
import dev.mljobs.worker.JobFailedException;
import dev.mljobs.worker.Progress;
import dev.mljobs.worker.TransientJobFailedException;
import dev.mljobs.worker.Work;
import dev.mljobs.worker.s3.S3Objects;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * The part every vision task shares: read the images, decode them batch by batch (a bad image
 * becomes {@code {"error": ...}} in its place), predict, report progress. Only when every image is
 * bad does the job fail. Decoding one batch at a time bounds the memory to one batch of pixels.
 */
final class VisionJob {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private VisionJob() {}

  static ObjectNode run(
      Work work, Progress progress, S3Objects s3, String modelId, BatchPredictor predictor)
      throws InterruptedException {
    List<ImageSource> sources = ImageInputs.from(work.params(), s3);
    int batchSize = Params.integer(work.params(), "batch_size", 8, 1, 64);
    ArrayNode results = JSON.arrayNode();
    int failed = 0;
    String firstError = null;
    FailureKind kind = FailureKind.PERMANENT; // transient once an image may be readable later
    for (int start = 0; start < sources.size(); start += batchSize) {
      List<ImageSource> chunk = sources.subList(start, Math.min(sources.size(), start + batchSize));
      JsonNode[] slots = new JsonNode[chunk.size()];
      List<BufferedImage> images = new ArrayList<>();
      List<Integer> positions = new ArrayList<>();
      for (int i = 0; i < chunk.size(); i++) {
        ImageSource source = chunk.get(i);
        try {
          images.add(decode(source));
          positions.add(i);
        } catch (UnreadableImageException e) {
          slots[i] = JSON.objectNode().put("error", e.getMessage());
          failed++;
          kind = e.kind() == FailureKind.TRANSIENT ? e.kind() : kind;
          String which = source.name() == null ? "image " + (start + i) + ": " : "";
          firstError = firstError == null ? which + e.getMessage() : firstError;
        }
      }
      if (!images.isEmpty()) {
        List<JsonNode> predictions = predict(predictor, images);
        for (int j = 0; j < positions.size(); j++) {
          slots[positions.get(j)] = predictions.get(j);
        }
      }
      results.addAll(List.of(slots));
      int done = start + chunk.size();
      progress.report(100 * done / sources.size(), done + " of " + sources.size() + " images");
    }
    if (failed == sources.size()) {
      throw JobFailedException.of(
          kind,
          (failed == 1 ? "the image" : "all " + failed + " images") + " failed; " + firstError);
    }
    ObjectNode result = JSON.objectNode();
    result.put("model_id", modelId);
    result.put("images", sources.size());
    result.put("failed", failed);
    result.set("results", results);
    return result;
  }

  /** Reads and decodes one image; a decoding failure of a named image names it. */
  static BufferedImage decode(ImageSource source) throws UnreadableImageException {
    byte[] bytes = source.read(); // an S3 image's reasons name its URI already
    try {
      return ImageDecoder.decode(bytes);
    } catch (UnreadableImageException e) {
      throw source.name() == null
          ? e
          : new UnreadableImageException(source.name() + ": " + e.getMessage());
    }
  }

  private static List<JsonNode> predict(BatchPredictor predictor, List<BufferedImage> images) {
    try {
      return predictor.predict(images);
    } catch (OrtException e) {
      throw new TransientJobFailedException("the model failed to run: " + e.getMessage());
    }
  }
}
