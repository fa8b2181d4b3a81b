package dev.mljobs.worker.vision;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mljobs.worker.JobFailedException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the images of a job from {@code params.input_data}: {@code image_base64} (one image) or
 * {@code images_base64} (a list). S3 URIs will be read here too, as another {@link ImageSource}.
 */
public final class ImageInputs {

  /** A bound on the inline case: the whole payload must fit in one Lambda invocation anyway. */
  static final int MAX_IMAGES = 1000;

  private ImageInputs() {}

  /**
   * Returns the job's image sources, in order.
   *
   * @throws JobFailedException when input_data names no image, or is malformed
   */
  public static List<ImageSource> from(JsonNode params) {
    JsonNode input = params.path("input_data");
    if (!input.isObject()) {
      throw new JobFailedException("params.input_data must be an object");
    }
    JsonNode one = input.get("image_base64");
    JsonNode many = input.get("images_base64");
    if ((one == null) == (many == null)) {
      throw new JobFailedException(
          "params.input_data needs exactly one of image_base64 or images_base64");
    }
    if (one != null) {
      if (!one.isTextual()) {
        throw new JobFailedException("params.input_data.image_base64 must be a base64 string");
      }
      return List.of(new ImageSource.InlineBase64(one.asText()));
    }
    if (!many.isArray() || many.isEmpty()) {
      throw new JobFailedException("params.input_data.images_base64 must be a non-empty list");
    }
    if (many.size() > MAX_IMAGES) {
      throw new JobFailedException(
          "params.input_data.images_base64 has " + many.size() + " images, at most " + MAX_IMAGES);
    }
    List<ImageSource> sources = new ArrayList<>(many.size());
    for (JsonNode item : many) {
      // a wrong entry in a list is one bad image, not a bad job
      sources.add(
          item.isTextual()
              ? new ImageSource.InlineBase64(item.asText())
              : () -> {
                throw new UnreadableImageException("the entry is not a base64 string");
              });
    }
    return sources;
  }
}
