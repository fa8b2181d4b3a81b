package dev.mljobs.worker.vision;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mljobs.worker.JobFailedException;
import dev.mljobs.worker.s3.S3Objects;
import dev.mljobs.worker.s3.S3Uri;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the images of a job from {@code params.input_data}: exactly one of {@code image_base64}
 * (one image), {@code images_base64} (a list) or {@code image_uris} (a list of s3:// URIs).
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
  public static List<ImageSource> from(JsonNode params, S3Objects s3) {
    JsonNode input = params.path("input_data");
    if (!input.isObject()) {
      throw new JobFailedException("params.input_data must be an object");
    }
    JsonNode one = input.get("image_base64");
    JsonNode many = input.get("images_base64");
    JsonNode uris = input.get("image_uris");
    int given = (one == null ? 0 : 1) + (many == null ? 0 : 1) + (uris == null ? 0 : 1);
    if (given != 1) {
      throw new JobFailedException(
          "params.input_data needs exactly one of image_base64, images_base64 or image_uris");
    }
    if (uris != null) {
      return fromUris(uris, s3);
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

  private static List<ImageSource> fromUris(JsonNode uris, S3Objects s3) {
    if (!uris.isArray() || uris.isEmpty()) {
      throw new JobFailedException("params.input_data.image_uris must be a non-empty list");
    }
    if (uris.size() > MAX_IMAGES) {
      throw new JobFailedException(
          "params.input_data.image_uris has " + uris.size() + " URIs, at most " + MAX_IMAGES);
    }
    List<ImageSource> sources = new ArrayList<>(uris.size());
    for (JsonNode item : uris) {
      S3Uri uri;
      try {
        uri = S3Uri.parse(item.isTextual() ? item.asText() : null);
      } catch (IllegalArgumentException e) {
        String reason = "the entry " + item + " is not an s3:// URI";
        sources.add(
            () -> {
              throw new UnreadableImageException(reason);
            });
        continue;
      }
      sources.add(new ImageSource.S3Image(uri, s3));
    }
    return sources;
  }
}
