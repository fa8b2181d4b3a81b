package dev.mljobs.worker.vision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mljobs.worker.Progress;
import dev.mljobs.worker.Work;
import dev.mljobs.worker.model.ModelFiles;
import dev.mljobs.worker.s3.S3Objects;
import java.util.List;

/**
 * The {@code image_classification} job: {@code params.model_id}, {@code params.input_data} (see
 * {@link ImageInputs}), {@code params.top_k} (default 5). Each image's result is {@code
 * {"predictions": [{class_id, class_name, confidence}, ...]}}, most probable first.
 */
public final class ImageClassificationTask {

  private ImageClassificationTask() {}

  /**
   * Runs the job with the model its {@code model} spec describes.
   *
   * @throws dev.mljobs.worker.JobFailedException when the parameters are wrong or no image is
   *     usable
   * @throws InterruptedException when the worker is stopped
   */
  public static JsonNode run(Work work, Progress progress, S3Objects s3, ModelFiles files)
      throws InterruptedException {
    VisionModel model = VisionModels.of(work, "image_classification", files);
    String modelId = model.id();
    int topK = Params.integer(work.params(), "top_k", 5, 1, 1000);
    Classifier classifier = new Classifier(model);
    return VisionJob.run(
        work,
        progress,
        s3,
        modelId,
        images ->
            classifier.classify(images, topK).stream().map(ImageClassificationTask::json).toList());
  }

  static JsonNode json(List<ClassScore> scores) {
    ArrayNode predictions = JsonNodeFactory.instance.arrayNode();
    for (ClassScore s : scores) {
      predictions
          .addObject()
          .put("class_id", s.classId())
          .put("class_name", s.className())
          .put("confidence", s.confidence());
    }
    ObjectNode result = JsonNodeFactory.instance.objectNode();
    result.set("predictions", predictions);
    return result;
  }
}
