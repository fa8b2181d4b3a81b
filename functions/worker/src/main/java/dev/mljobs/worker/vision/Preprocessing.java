package dev.mljobs.worker.vision;

import java.util.Arrays;
import java.util.Objects;

/**
 * How a model wants its input: each pixel value {@code v} (0-255) of channel {@code c} becomes
 * {@code (v * scale - mean[c]) / std[c]}, in an NCHW tensor of {@code width x height}.
 *
 * @param mean one value per channel of {@code colour}
 * @param std one positive value per channel of {@code colour}
 */
public record Preprocessing(
    int width,
    int height,
    ColourMode colour,
    ResizeMode resize,
    double scale,
    double[] mean,
    double[] std) {

  public Preprocessing {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("input size must be positive: " + width + "x" + height);
    }
    if (colour == null || resize == null) {
      throw new IllegalArgumentException("colour and resize are required");
    }
    if (!(scale > 0)) {
      throw new IllegalArgumentException("scale must be positive, was " + scale);
    }
    if (mean == null || std == null) {
      throw new IllegalArgumentException("mean and std are required");
    }
    if (mean.length != colour.channels() || std.length != colour.channels()) {
      throw new IllegalArgumentException(
          "mean and std need " + colour.channels() + " values for " + colour);
    }
    if (Arrays.stream(std).anyMatch(s -> !(s > 0))) {
      throw new IllegalArgumentException("std values must be positive");
    }
    mean = mean.clone();
    std = std.clone();
  }

  /** Pixels scaled by {@code scale} only, no mean or std (what most YOLO and MNIST models use). */
  public static Preprocessing scaledOnly(
      int width, int height, ColourMode colour, ResizeMode resize, double scale) {
    double[] zeros = new double[colour.channels()];
    double[] ones = new double[colour.channels()];
    Arrays.fill(ones, 1);
    return new Preprocessing(width, height, colour, resize, scale, zeros, ones);
  }

  /** Returns a copy: the record must stay immutable. */
  @Override
  public double[] mean() {
    return mean.clone();
  }

  /** Returns a copy: the record must stay immutable. */
  @Override
  public double[] std() {
    return std.clone();
  }

  /**
   * The tensor value of every pixel value, per channel: {@code [channel][0..255]}. A lookup keeps
   * the per-pixel work to one array read.
   */
  float[][] lookupTable() {
    float[][] table = new float[colour.channels()][256];
    for (int c = 0; c < table.length; c++) {
      for (int v = 0; v < 256; v++) {
        table[c][v] = (float) ((v * scale - mean[c]) / std[c]);
      }
    }
    return table;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Preprocessing p
        && width == p.width
        && height == p.height
        && colour == p.colour
        && resize.equals(p.resize)
        && scale == p.scale
        && Arrays.equals(mean, p.mean)
        && Arrays.equals(std, p.std);
  }

  @Override
  public int hashCode() {
    return 31 * Objects.hash(width, height, colour, resize, scale)
        + 17 * Arrays.hashCode(mean)
        + Arrays.hashCode(std);
  }

  @Override
  public String toString() {
    return "Preprocessing[%dx%d %s %s scale=%s mean=%s std=%s]"
        .formatted(
            width, height, colour, resize, scale, Arrays.toString(mean), Arrays.toString(std));
  }
}
