package dev.mljobs.worker.vision;

/** One detected object: its box, class and score. */
public record Detection(Box box, int classId, float confidence) {

  public Detection {
    if (box == null || classId < 0) {
      throw new IllegalArgumentException("box is required and classId must be >= 0");
    }
  }

  /** Returns the same detection with its box mapped by {@code placement} to original pixels. */
  public Detection toSource(Placement placement) {
    return new Detection(placement.toSource(box), classId, confidence);
  }
}
