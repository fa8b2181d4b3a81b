package dev.mljobs.worker.vision;

/** How an image of any size is brought to the model's input size. */
public sealed interface ResizeMode {

  /** Resizes to the input size exactly; the aspect ratio is not kept (torchvision's Resize). */
  record Stretch() implements ResizeMode {}

  /**
   * Scales to fit inside the input, keeping the aspect ratio, then pads the rest (centred) with
   * {@code padValue} in every channel (Ultralytics' letterbox, grey 114).
   */
  record Letterbox(int padValue) implements ResizeMode {
    public Letterbox {
      if (padValue < 0 || padValue > 255) {
        throw new IllegalArgumentException("padValue must be 0-255, was " + padValue);
      }
    }
  }

  /** Scales the shorter side to the input size, then crops the centre (the ImageNet eval way). */
  record ShorterSideCenterCrop() implements ResizeMode {}
}
