package dev.mljobs.worker.vision;

import java.util.List;

/**
 * A model the worker can run: where its ONNX file is, its class names in index order, and the
 * preprocessing it was trained with.
 *
 * @param location the ONNX file on local disk
 */
public record VisionModel(
    String id, String location, List<String> labels, Preprocessing preprocessing) {

  public VisionModel {
    if (id == null || id.isBlank() || location == null || location.isBlank()) {
      throw new IllegalArgumentException("id and location are required");
    }
    if (labels == null || labels.isEmpty() || preprocessing == null) {
      throw new IllegalArgumentException("model " + id + " needs labels and preprocessing");
    }
    labels = List.copyOf(labels);
  }

  /** Returns the name of class {@code classId}, or the id itself when the model has more. */
  public String label(int classId) {
    return classId < labels.size() ? labels.get(classId) : Integer.toString(classId);
  }
}
