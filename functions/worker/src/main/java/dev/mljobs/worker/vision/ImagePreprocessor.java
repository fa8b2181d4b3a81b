package dev.mljobs.worker.vision;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;

/** Turns decoded images into model input, as one model's {@link Preprocessing} says. */
public final class ImagePreprocessor {

  private final Preprocessing preprocessing;
  private final float[][] table;

  /** Creates the preprocessor of one model; it holds no state per image, so it can be shared. */
  public ImagePreprocessor(Preprocessing preprocessing) {
    this.preprocessing = preprocessing;
    this.table = preprocessing.lookupTable();
  }

  /** Resizes, converts and normalises one image into CHW floats. */
  public PreparedImage prepare(BufferedImage image) {
    int w = preprocessing.width();
    int h = preprocessing.height();
    Placement placement =
        Placement.of(preprocessing.resize(), image.getWidth(), image.getHeight(), w, h);
    BufferedImage source = ColourConversion.drawable(preprocessing.colour(), image);
    BufferedImage input = placed(source, placement);
    float[] pixels = new float[preprocessing.colour().channels() * w * h];
    int plane = w * h;
    if (preprocessing.colour() == ColourMode.GRAYSCALE) {
      byte[] grey = ((DataBufferByte) input.getRaster().getDataBuffer()).getData();
      for (int i = 0; i < plane; i++) {
        pixels[i] = table[0][grey[i] & 0xff];
      }
    } else {
      int[] rgb = ((DataBufferInt) input.getRaster().getDataBuffer()).getData();
      for (int i = 0; i < plane; i++) {
        int p = rgb[i];
        pixels[i] = table[0][(p >> 16) & 0xff];
        pixels[plane + i] = table[1][(p >> 8) & 0xff];
        pixels[2 * plane + i] = table[2][p & 0xff];
      }
    }
    return new PreparedImage(pixels, placement);
  }

  /** Draws the image into a fresh input-sized canvas, padding what it leaves uncovered. */
  private BufferedImage placed(BufferedImage source, Placement placement) {
    int w = preprocessing.width();
    int h = preprocessing.height();
    int type = ColourConversion.canvasType(preprocessing.colour());
    if (source.getType() == type && source.getWidth() == w && source.getHeight() == h) {
      return source; // already the input: a redraw would only cost time
    }
    BufferedImage canvas = new BufferedImage(w, h, type);
    Graphics2D g = canvas.createGraphics();
    try {
      if (preprocessing.resize() instanceof ResizeMode.Letterbox letterbox) {
        int v = letterbox.padValue();
        g.setColor(new Color(v, v, v));
        g.fillRect(0, 0, w, h);
      }
      g.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.drawImage(
          source,
          (int) placement.offsetX(),
          (int) placement.offsetY(),
          placement.drawnWidth(),
          placement.drawnHeight(),
          null);
    } finally {
      g.dispose();
    }
    return canvas;
  }
}
