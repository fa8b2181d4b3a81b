package dev.mljobs.worker.vision;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;

/**
 * Brings a decoded image to a form Java2D draws into the model's canvas ({@code TYPE_INT_RGB} or
 * {@code TYPE_BYTE_GRAY}) without changing its values. Grey and alpha images are converted here
 * from the raw samples: {@code getRGB} treats 8-bit grey as linear light (grey 100 comes out as
 * 168), drawing would blend alpha over the canvas, and models were trained on the stored values, as
 * PIL reads them. An opaque colour image is drawn as it is, which is faster.
 */
final class ColourConversion {

  private ColourConversion() {}

  static BufferedImage drawable(ColourMode mode, BufferedImage image) {
    if (mode == ColourMode.GRAYSCALE) {
      return grey(image);
    }
    return isGrey(image) || image.getColorModel().hasAlpha() ? rgb(image) : image;
  }

  /** Returns the type of the model's canvas for this colour mode. */
  static int canvasType(ColourMode mode) {
    return mode == ColourMode.GRAYSCALE ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB;
  }

  private static BufferedImage rgb(BufferedImage image) {
    if (image.getType() == BufferedImage.TYPE_INT_RGB) {
      return image;
    }
    int w = image.getWidth();
    int h = image.getHeight();
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    if (isGrey(image)) {
      Raster in = image.getRaster();
      int shift = in.getSampleModel().getSampleSize(0) - 8;
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          int v = in.getSample(x, y, 0) >> shift;
          out.setRGB(x, y, (v << 16) | (v << 8) | v);
        }
      }
    } else {
      // getRGB flattens alpha by dropping it, like PIL's convert("RGB")
      int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
      out.setRGB(0, 0, w, h, argb, 0, w);
    }
    return out;
  }

  private static BufferedImage grey(BufferedImage image) {
    if (image.getType() == BufferedImage.TYPE_BYTE_GRAY) {
      return image;
    }
    int w = image.getWidth();
    int h = image.getHeight();
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
    WritableRaster raster = out.getRaster();
    if (isGrey(image)) {
      int shift = image.getRaster().getSampleModel().getSampleSize(0) - 8;
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          raster.setSample(x, y, 0, image.getRaster().getSample(x, y, 0) >> shift);
        }
      }
      return out;
    }
    int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
    for (int i = 0; i < argb.length; i++) {
      int p = argb[i];
      // ITU-R 601-2 luma, the weights PIL's convert("L") uses
      int luma =
          (int)
              Math.round(
                  ((p >> 16) & 0xff) * 0.299 + ((p >> 8) & 0xff) * 0.587 + (p & 0xff) * 0.114);
      raster.setSample(i % w, i / w, 0, luma);
    }
    return out;
  }

  private static boolean isGrey(BufferedImage image) {
    return image.getColorModel().getNumColorComponents() == 1
        && image.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY
        && image.getColorModel() instanceof ComponentColorModel;
  }
}
