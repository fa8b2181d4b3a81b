package dev.mljobs.worker.vision;

/**
 * One image as the model reads it: {@code pixels} in CHW order, and where the original image lies
 * inside them.
 */
public record PreparedImage(float[] pixels, Placement placement) {

  public PreparedImage {
    if (pixels == null || placement == null) {
      throw new IllegalArgumentException("pixels and placement are required");
    }
  }
}
