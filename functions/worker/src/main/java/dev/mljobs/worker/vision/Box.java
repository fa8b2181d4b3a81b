package dev.mljobs.worker.vision;

/** An axis-aligned box, corners {@code (x1, y1)} top-left and {@code (x2, y2)} bottom-right. */
public record Box(float x1, float y1, float x2, float y2) {

  public Box {
    if (!(x2 >= x1) || !(y2 >= y1)) {
      throw new IllegalArgumentException(
          "box corners out of order: [%s, %s, %s, %s]".formatted(x1, y1, x2, y2));
    }
  }

  /** Returns the box of a centre and a size, as YOLO models emit them. */
  public static Box fromCentre(float cx, float cy, float w, float h) {
    float hw = Math.max(0, w) / 2;
    float hh = Math.max(0, h) / 2;
    return new Box(cx - hw, cy - hh, cx + hw, cy + hh);
  }

  /** Returns the area. */
  public float area() {
    return (x2 - x1) * (y2 - y1);
  }

  /** Returns intersection over union with {@code other}: 0 when disjoint, 1 when equal. */
  public float iou(Box other) {
    float iw = Math.min(x2, other.x2) - Math.max(x1, other.x1);
    float ih = Math.min(y2, other.y2) - Math.max(y1, other.y1);
    if (iw <= 0 || ih <= 0) {
      return 0;
    }
    float intersection = iw * ih;
    return intersection / (area() + other.area() - intersection);
  }
}
