package dev.mljobs.worker.vision;

import dev.mljobs.worker.s3.S3Objects;
import dev.mljobs.worker.s3.S3Uri;
import java.io.IOException;
import java.util.Base64;

/** Where one input image comes from: inline base64 or an S3 object, as {@link ImageInputs} says. */
public interface ImageSource {

  /** The most bytes one image file may have. */
  long MAX_IMAGE_BYTES = 50L * 1024 * 1024;

  /**
   * Returns the image's encoded bytes.
   *
   * @throws UnreadableImageException when the image cannot be fetched or is malformed
   */
  byte[] read() throws UnreadableImageException;

  /** What the submitter calls this image (its URI), or {@code null} when it has no name. */
  default String name() {
    return null;
  }

  /** An image in S3; a missing or unreadable object is a reason naming the URI. */
  record S3Image(S3Uri uri, S3Objects s3) implements ImageSource {

    @Override
    public byte[] read() throws UnreadableImageException {
      try {
        return s3.read(uri, MAX_IMAGE_BYTES);
      } catch (IOException e) {
        throw new UnreadableImageException(e.getMessage(), S3Objects.kindOf(e));
      }
    }

    @Override
    public String name() {
      return uri.toString();
    }
  }

  /** An image inline in the job's parameters, in standard or URL-safe base64. */
  record InlineBase64(String data) implements ImageSource {

    public InlineBase64 {
      if (data == null) {
        throw new IllegalArgumentException("data is required");
      }
    }

    @Override
    public byte[] read() throws UnreadableImageException {
      String payload = data.strip();
      int comma = payload.indexOf(',');
      if (payload.startsWith("data:") && comma > 0) {
        payload = payload.substring(comma + 1); // a data URL, as browsers produce them
      }
      // strict decoding once line breaks are gone: a lenient (MIME) decoder skips stray
      // characters and would turn text that is not base64 into garbage bytes
      String clean = payload.replaceAll("\\s", "").replace('-', '+').replace('_', '/');
      try {
        return Base64.getDecoder().decode(clean);
      } catch (IllegalArgumentException e) {
        throw new UnreadableImageException("the image is not valid base64");
      }
    }
  }
}
