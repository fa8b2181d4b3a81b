package dev.mljobs.worker.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mljobs.core.model.FieldError;
import dev.mljobs.core.model.Model;
import dev.mljobs.core.model.TaskType;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What registration says about models that do not fit their task, on the test suite's models. */
class OrtModelInspectorTest {

  private static final List<String> SHAPES = List.of("circle", "square", "triangle", "star");
  private final OrtModelInspector inspector = new OrtModelInspector(new ModelFiles(Map.of()));

  private static String uri(String resource) {
    try {
      return Path.of(OrtModelInspectorTest.class.getResource("/vision/" + resource).toURI())
          .toUri()
          .toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode image(int size, String colour) {
    ObjectNode p = JsonNodeFactory.instance.objectNode();
    p.put("width", size).put("height", size).put("colour", colour).put("resize", "stretch");
    return p;
  }

  private static Model model(TaskType task, String file, List<String> labels, ObjectNode p) {
    return new Model("alice", "m", task, uri(file), labels, p, Instant.EPOCH);
  }

  private List<FieldError> inspect(TaskType task, String file, List<String> labels, ObjectNode p) {
    return inspector.inspect(model(task, file, labels, p));
  }

  @Test
  void models_that_fit_their_task_pass() {
    assertThat(inspect(TaskType.IMAGE_CLASSIFICATION, "shapes-cls.onnx", SHAPES, image(224, "rgb")))
        .isEmpty();
    assertThat(inspect(TaskType.OBJECT_DETECTION, "shapes-det.onnx", SHAPES, image(320, "rgb")))
        .isEmpty();
    assertThat(
            inspect(
                TaskType.IMAGE_CLASSIFICATION,
                "digits-cnn.onnx",
                List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
                image(28, "grayscale")))
        .isEmpty();
  }

  @Test
  void a_classifier_with_another_number_of_labels_is_refused_naming_both_counts() {
    assertThat(
            inspect(
                TaskType.IMAGE_CLASSIFICATION,
                "shapes-cls.onnx",
                SHAPES.subList(0, 3),
                image(224, "rgb")))
        .containsExactly(
            new FieldError("labels", "model output has 4 classes but 3 labels were given"));
  }

  @Test
  void a_detector_with_another_number_of_labels_is_refused() {
    assertThat(
            inspect(
                TaskType.OBJECT_DETECTION,
                "shapes-det.onnx",
                List.of("a", "b", "c", "d", "e"),
                image(320, "rgb")))
        .containsExactly(
            new FieldError(
                "labels", "model output has 4 classes (4 box rows + 4) but 5 labels were given"));
  }

  @Test
  void colour_mode_and_input_size_must_match_the_input_tensor() {
    assertThat(
            inspect(
                TaskType.IMAGE_CLASSIFICATION, "shapes-cls.onnx", SHAPES, image(320, "grayscale")))
        .containsExactly(
            new FieldError(
                "preprocessing.colour",
                "model input 'input' has 3 channels but colour grayscale gives 1"),
            new FieldError(
                "preprocessing.height", "model input 'input' is 224 pixels high but height is 320"),
            new FieldError(
                "preprocessing.width", "model input 'input' is 224 pixels wide but width is 320"));
  }

  @Test
  void a_model_of_another_task_is_refused_naming_the_task_type() {
    assertThat(inspect(TaskType.OBJECT_DETECTION, "shapes-cls.onnx", SHAPES, image(224, "rgb")))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.field()).isEqualTo("task_type");
              assertThat(e.message())
                  .isEqualTo(
                      "model output is float [?, 4]; object_detection needs the YOLOv8 layout"
                          + " [N, 4 + classes, anchors]");
            });
    ObjectNode text = JsonNodeFactory.instance.objectNode().put("max_length", 128);
    assertThat(inspect(TaskType.TXT2EMBED, "shapes-cls.onnx", List.of(), text))
        .extracting(FieldError::field, FieldError::message)
        .contains(
            org.assertj.core.groups.Tuple.tuple(
                "task_type",
                "the model has no input 'input_ids' (inputs: [input]); txt2embed needs input_ids"
                    + " and attention_mask"));
  }

  @Test
  void a_file_that_is_not_onnx_or_not_there_is_refused_on_model_uri() {
    assertThat(
            inspect(TaskType.IMAGE_CLASSIFICATION, "shapes-labels.txt", SHAPES, image(224, "rgb")))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.field()).isEqualTo("model_uri");
              assertThat(e.message()).contains("is not an ONNX model ONNX Runtime can load");
            });
    Model missing =
        new Model(
            "alice",
            "m",
            TaskType.IMAGE_CLASSIFICATION,
            "file:///nowhere/model.onnx",
            SHAPES,
            image(224, "rgb"),
            Instant.EPOCH);
    assertThat(inspector.inspect(missing))
        .containsExactly(new FieldError("model_uri", "no file at file:///nowhere/model.onnx"));
  }
}
