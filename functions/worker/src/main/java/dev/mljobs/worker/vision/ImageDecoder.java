package dev.mljobs.worker.vision;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/** Decodes JPEG and PNG bytes (whatever ImageIO reads), refusing images too large to hold. */
public final class ImageDecoder {

  /** About 200 MB of decoded RGB: a small file must not be able to exhaust a Lambda's memory. */
  static final long MAX_PIXELS = 50_000_000L;

  private ImageDecoder() {}

  /**
   * Returns the decoded image.
   *
   * @throws UnreadableImageException when the bytes are not an image ImageIO reads, or too large
   */
  public static BufferedImage decode(byte[] bytes) throws UnreadableImageException {
    if (bytes.length == 0) {
      throw new UnreadableImageException("the image is empty");
    }
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new UnreadableImageException("not an image in a supported format (JPEG, PNG)");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
        if (pixels > MAX_PIXELS) {
          throw new UnreadableImageException(
              "the image has " + pixels + " pixels, more than " + MAX_PIXELS);
        }
        return reader.read(0);
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      // ImageIO's plugins throw unchecked exceptions on some corrupt files, too; their text
      // names decoder internals, not something the submitter can act on
      throw new UnreadableImageException("the image cannot be decoded (corrupt or truncated)");
    }
  }
}
