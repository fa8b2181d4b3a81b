package dev.mljobs.worker.vision;

/**
 * Where the original image was drawn inside the model input: scaled by {@code scaleX, scaleY}, its
 * top-left corner at {@code (offsetX, offsetY)} (negative when cropped). It maps model-input
 * coordinates back to the original image's pixels.
 *
 * @param sourceWidth the original image's width, to clip to
 * @param sourceHeight the original image's height, to clip to
 */
public record Placement(
    double scaleX,
    double scaleY,
    double offsetX,
    double offsetY,
    int sourceWidth,
    int sourceHeight) {

  public Placement {
    if (!(scaleX > 0) || !(scaleY > 0)) {
      throw new IllegalArgumentException("scales must be positive");
    }
    if (sourceWidth <= 0 || sourceHeight <= 0) {
      throw new IllegalArgumentException("source size must be positive");
    }
  }

  /**
   * Returns the placement of a {@code width x height} image in a {@code inputWidth x inputHeight}
   * model input, as {@code mode} draws it.
   */
  public static Placement of(
      ResizeMode mode, int width, int height, int inputWidth, int inputHeight) {
    if (mode instanceof ResizeMode.Stretch) {
      return new Placement(
          (double) inputWidth / width, (double) inputHeight / height, 0, 0, width, height);
    }
    boolean letterbox = mode instanceof ResizeMode.Letterbox;
    // letterbox fits the whole image inside the input; centre crop fills the input with it
    double r =
        letterbox
            ? Math.min((double) inputWidth / width, (double) inputHeight / height)
            : Math.max((double) inputWidth / width, (double) inputHeight / height);
    long drawnWidth = Math.round(width * r);
    long drawnHeight = Math.round(height * r);
    // Ultralytics rounds the padding with a -0.1 bias, so an odd pixel goes right or bottom
    double bias = letterbox ? 0.1 : 0;
    long left = Math.round((inputWidth - drawnWidth) / 2.0 - bias);
    long top = Math.round((inputHeight - drawnHeight) / 2.0 - bias);
    return new Placement(r, r, left, top, width, height);
  }

  /** Returns the drawn width of the image, in model-input pixels. */
  int drawnWidth() {
    return (int) Math.round(sourceWidth * scaleX);
  }

  /** Returns the drawn height of the image, in model-input pixels. */
  int drawnHeight() {
    return (int) Math.round(sourceHeight * scaleY);
  }

  /** Returns the box, given in model-input pixels, in original-image pixels, clipped to it. */
  public Box toSource(Box box) {
    return new Box(
        clip((box.x1() - offsetX) / scaleX, sourceWidth),
        clip((box.y1() - offsetY) / scaleY, sourceHeight),
        clip((box.x2() - offsetX) / scaleX, sourceWidth),
        clip((box.y2() - offsetY) / scaleY, sourceHeight));
  }

  private static float clip(double v, int max) {
    return (float) Math.max(0, Math.min(max, v));
  }
}
