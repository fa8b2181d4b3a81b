package dev.mljobs.worker.vision;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The three models of the test suite as the workflow hands them to the worker: a spec as
 * registration stores it, with a {@code file:} URI into the test resources.
 */
final class TestModels {

  private TestModels() {}

  /** The spec of {@code digits-cnn}, {@code shapes-cls} or {@code shapes-det}. */
  static ObjectNode spec(String id) {
    ObjectNode spec = JsonNodeFactory.instance.objectNode();
    spec.put("model_id", id);
    spec.put("task_type", id.equals("shapes-det") ? "object_detection" : "image_classification");
    spec.put("model_uri", resource(id + ".onnx").toUri().toString());
    String labels = id.startsWith("digits") ? "digits-labels.txt" : "shapes-labels.txt";
    lines(labels).forEach(spec.putArray("labels")::add);
    ObjectNode p = spec.putObject("preprocessing");
    switch (id) {
      case "digits-cnn" -> {
        p.put("width", 28).put("height", 28).put("colour", "grayscale").put("resize", "stretch");
        p.put("scale", 1.0 / 255);
        p.putArray("mean").add(0);
        p.putArray("std").add(1);
      }
      case "shapes-cls" -> {
        p.put("width", 224).put("height", 224).put("colour", "rgb").put("resize", "stretch");
        p.put("scale", 1.0 / 255);
        p.putArray("mean").add(0.485).add(0.456).add(0.406);
        p.putArray("std").add(0.229).add(0.224).add(0.225);
      }
      case "shapes-det" -> {
        p.put("width", 320).put("height", 320).put("colour", "rgb").put("resize", "letterbox");
        p.put("pad_value", 114).put("scale", 1.0 / 255);
        p.putArray("mean").add(0).add(0).add(0);
        p.putArray("std").add(1).add(1).add(1);
      }
      default -> throw new IllegalArgumentException("no test model " + id);
    }
    return spec;
  }

  /** The model itself, for tests of the classifier and detector. */
  static VisionModel model(String id) {
    ObjectNode spec = spec(id);
    List<String> labels = new java.util.ArrayList<>();
    spec.path("labels").forEach(l -> labels.add(l.asText()));
    return new VisionModel(
        id,
        resource(id + ".onnx").toString(),
        labels,
        VisionModels.preprocessing(spec.path("preprocessing")));
  }

  static Path resource(String name) {
    try {
      return Path.of(TestModels.class.getResource("/vision/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> lines(String name) {
    try {
      return Files.readAllLines(resource(name)).stream()
          .map(String::strip)
          .filter(s -> !s.isEmpty())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
