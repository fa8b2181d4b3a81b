package dev.mljobs.core.model;

import java.util.Arrays;

/** What a model does, which decides the inputs and outputs it must have. */
public enum TaskType {
  TXT2EMBED("txt2embed"),
  IMAGE_CLASSIFICATION("image_classification"),
  OBJECT_DETECTION("object_detection");

  private final String wireName;

  TaskType(String wireName) {
    this.wireName = wireName;
  }

  /** The name in the API and in job params. */
  public String wireName() {
    return wireName;
  }

  /** Whether the model reads images (and so needs labels and an input size). */
  public boolean vision() {
    return this != TXT2EMBED;
  }

  /**
   * @throws IllegalArgumentException listing the task types when {@code name} is none of them
   */
  public static TaskType fromWire(String name) {
    for (TaskType t : values()) {
      if (t.wireName.equals(name)) {
        return t;
      }
    }
    throw new IllegalArgumentException(
        "must be one of "
            + String.join(", ", Arrays.stream(values()).map(TaskType::wireName).toList()));
  }
}
