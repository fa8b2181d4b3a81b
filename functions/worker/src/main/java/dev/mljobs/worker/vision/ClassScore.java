package dev.mljobs.worker.vision;

/** One class of a classification, with its softmax probability. */
public record ClassScore(int classId, String className, float confidence) {

  public ClassScore {
    if (classId < 0 || className == null) {
      throw new IllegalArgumentException("classId must be >= 0 and className set");
    }
  }
}
