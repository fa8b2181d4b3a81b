package dev.mljobs.worker.vision;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mljobs.worker.JobFailedException;
import dev.mljobs.worker.Work;
import dev.mljobs.worker.model.ModelFileException;
import dev.mljobs.worker.model.ModelFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The vision model a job runs: the spec its {@code model} carries (resolved from the registry by
 * the workflow's start step; see docs/models.md), with the ONNX file fetched to local disk.
 */
public final class VisionModels {

  private VisionModels() {}

  /**
   * @throws JobFailedException when the job names no registered model of this task, or its file
   *     cannot be fetched
   */
  public static VisionModel of(Work work, String taskType, ModelFiles files) {
    String modelId = Params.requiredText(work.params(), "model_id");
    JsonNode spec = work.model();
    if (spec == null || !modelId.equals(spec.path("model_id").asText())) {
      throw new JobFailedException(
          "params.model_id '" + modelId + "' is not a registered model (see POST /v1/models)");
    }
    if (!taskType.equals(spec.path("task_type").asText())) {
      throw new JobFailedException(
          "model "
              + modelId
              + " is registered for "
              + spec.path("task_type").asText()
              + ", not "
              + taskType);
    }
    try {
      String file = files.fetch(spec.path("model_uri").asText()).toString();
      return new VisionModel(
          modelId, file, labels(spec), preprocessing(spec.path("preprocessing")));
    } catch (ModelFileException e) {
      throw JobFailedException.of(
          e.kind(), "model " + modelId + " cannot be fetched: " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new JobFailedException("model " + modelId + " is not usable: " + e.getMessage());
    }
  }

  /** The preprocessing of a spec, as registration normalised it. */
  static Preprocessing preprocessing(JsonNode p) {
    ColourMode colour = ColourMode.valueOf(p.path("colour").asText("rgb").toUpperCase(Locale.ROOT));
    ResizeMode resize =
        switch (p.path("resize").asText("stretch")) {
          case "stretch" -> new ResizeMode.Stretch();
          case "letterbox" -> new ResizeMode.Letterbox(p.path("pad_value").asInt(114));
          case "shorter_side_center_crop" -> new ResizeMode.ShorterSideCenterCrop();
          default -> throw new IllegalArgumentException("unknown resize " + p.path("resize"));
        };
    return new Preprocessing(
        p.path("width").asInt(),
        p.path("height").asInt(),
        colour,
        resize,
        p.path("scale").asDouble(1.0 / 255),
        doubles(p.path("mean")),
        doubles(p.path("std")));
  }

  private static double[] doubles(JsonNode array) {
    double[] values = new double[array.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = array.get(i).asDouble();
    }
    return values;
  }

  private static List<String> labels(JsonNode spec) {
    List<String> labels = new ArrayList<>();
    spec.path("labels").forEach(l -> labels.add(l.asText()));
    return labels;
  }
}
