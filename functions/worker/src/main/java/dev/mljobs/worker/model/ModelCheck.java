package dev.mljobs.worker.model;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.mljobs.core.model.FieldError;
import dev.mljobs.core.model.Model;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Whether a loaded graph fits the task its model is registered for; each mismatch names the field
 * of the registration it contradicts and both sides of it. Dynamic dimensions (-1) fit any value.
 *
 * <ul>
 *   <li>{@code image_classification}: one float input {@code [N, C, H, W]} (C = 1 grayscale, 3 RGB;
 *       H, W the declared size), first output {@code [N, K]}, K = number of labels
 *   <li>{@code object_detection}: the same input; first output in the YOLOv8 layout {@code [N, 4 +
 *       K, anchors]}
 *   <li>{@code txt2embed}: inputs {@code input_ids} and {@code attention_mask} (int64), first
 *       output {@code [N, T, D]} (token embeddings, mean-pooled) or {@code [N, D]}
 * </ul>
 */
final class ModelCheck {

  private final Model model;
  private final List<FieldError> errors = new ArrayList<>();

  private ModelCheck(Model model) {
    this.model = model;
  }

  static List<FieldError> check(Model model, OrtSession session) throws OrtException {
    ModelCheck check = new ModelCheck(model);
    Map<String, NodeInfo> inputs = session.getInputInfo();
    Map<String, NodeInfo> outputs = session.getOutputInfo();
    if (outputs.isEmpty()) {
      check.error("model_uri", "the model has no outputs");
      return check.errors;
    }
    TensorInfo output = tensor(outputs.values().iterator().next());
    switch (model.taskType()) {
      case IMAGE_CLASSIFICATION -> {
        if (check.image(inputs) && output != null) {
          check.classes(output);
        }
      }
      case OBJECT_DETECTION -> {
        if (check.image(inputs) && output != null) {
          check.detections(output);
        }
      }
      case TXT2EMBED -> check.text(inputs, output);
    }
    if (output == null) {
      check.error("task_type", "the model's first output is not a tensor");
    }
    return check.errors;
  }

  private boolean image(Map<String, NodeInfo> inputs) {
    String task = model.taskType().wireName();
    if (inputs.size() != 1) {
      error(
          "task_type",
          "the model has "
              + inputs.size()
              + " inputs "
              + inputs.keySet()
              + "; "
              + task
              + " needs one float image input [N, C, H, W]");
      return false;
    }
    String name = inputs.keySet().iterator().next();
    TensorInfo input = tensor(inputs.get(name));
    if (input == null || input.type != OnnxJavaType.FLOAT || input.getShape().length != 4) {
      error(
          "task_type",
          "model input '"
              + name
              + "' is "
              + describe(input)
              + "; "
              + task
              + " needs a float tensor [N, C, H, W]");
      return false;
    }
    long[] shape = input.getShape();
    String colour = model.preprocessing().path("colour").asText();
    int channels = "grayscale".equals(colour) ? 1 : 3;
    if (shape[1] > 0 && shape[1] != channels) {
      error(
          "preprocessing.colour",
          "model input '"
              + name
              + "' has "
              + shape[1]
              + " channels but colour "
              + colour
              + " gives "
              + channels);
    }
    int height = model.preprocessing().path("height").asInt();
    int width = model.preprocessing().path("width").asInt();
    if (shape[2] > 0 && shape[2] != height) {
      error(
          "preprocessing.height",
          "model input '" + name + "' is " + shape[2] + " pixels high but height is " + height);
    }
    if (shape[3] > 0 && shape[3] != width) {
      error(
          "preprocessing.width",
          "model input '" + name + "' is " + shape[3] + " pixels wide but width is " + width);
    }
    return true;
  }

  private void classes(TensorInfo output) {
    long[] shape = output.getShape();
    if (shape.length != 2) {
      error(
          "task_type",
          "model output is "
              + describe(output)
              + "; image_classification needs scores [N, classes]");
    } else if (shape[1] > 0 && shape[1] != model.labels().size()) {
      error(
          "labels",
          "model output has "
              + shape[1]
              + " classes but "
              + model.labels().size()
              + " labels were given");
    }
  }

  private void detections(TensorInfo output) {
    long[] shape = output.getShape();
    if (shape.length != 3 || (shape[1] > 0 && shape[1] <= 4)) {
      error(
          "task_type",
          "model output is "
              + describe(output)
              + "; object_detection needs the YOLOv8 layout [N, 4 + classes, anchors]");
    } else if (shape[1] > 0 && shape[1] - 4 != model.labels().size()) {
      error(
          "labels",
          "model output has "
              + (shape[1] - 4)
              + " classes (4 box rows + "
              + (shape[1] - 4)
              + ") but "
              + model.labels().size()
              + " labels were given");
    }
  }

  private void text(Map<String, NodeInfo> inputs, TensorInfo output) {
    for (String name : List.of("input_ids", "attention_mask")) {
      TensorInfo input = inputs.containsKey(name) ? tensor(inputs.get(name)) : null;
      if (input == null) {
        error(
            "task_type",
            "the model has no input '"
                + name
                + "' (inputs: "
                + inputs.keySet()
                + "); txt2embed"
                + " needs input_ids and attention_mask");
      } else if (input.type != OnnxJavaType.INT64 || input.getShape().length != 2) {
        error("task_type", "model input '" + name + "' is " + describe(input) + "; int64 [N, T]");
      }
    }
    if (output != null
        && (output.type != OnnxJavaType.FLOAT
            || (output.getShape().length != 2 && output.getShape().length != 3))) {
      error(
          "task_type",
          "model output is "
              + describe(output)
              + "; txt2embed needs float [N, T, D] token embeddings or [N, D] sentence embeddings");
    }
  }

  private static TensorInfo tensor(NodeInfo node) {
    return node != null && node.getInfo() instanceof TensorInfo t ? t : null;
  }

  private static String describe(TensorInfo tensor) {
    if (tensor == null) {
      return "not a tensor";
    }
    return tensor.type.toString().toLowerCase(java.util.Locale.ROOT)
        + " "
        + Arrays.toString(tensor.getShape()).replace("-1", "?");
  }

  private void error(String field, String message) {
    errors.add(new FieldError(field, message));
  }
}
