package dev.mljobs.worker.vision;

/** The channels a model reads: three (R, G, B in that order) or one (luma). */
public enum ColourMode {
  RGB(3),
  GRAYSCALE(1);

  private final int channels;

  ColourMode(int channels) {
    this.channels = channels;
  }

  /** Returns the number of channels of the model's input tensor. */
  public int channels() {
    return channels;
  }
}
