package dev.mljobs.worker.vision;

import java.util.Base64;

/**
 * Where one input image comes from. Inline base64 today; an S3 object is another implementation,
 * resolved by {@link ImageInputs}.
 */
public interface ImageSource {

  /**
   * Returns the image's encoded bytes.
   *
   * @throws UnreadableImageException when the image cannot be fetched or is malformed
   */
  byte[] read() throws UnreadableImageException;

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
