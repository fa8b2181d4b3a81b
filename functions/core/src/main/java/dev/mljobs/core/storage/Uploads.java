package dev.mljobs.core.storage;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Uploads without S3 credentials: a presigned PUT of {@code uploads/<owner>/<filename>} in the data
 * bucket, valid {@link #VALIDITY}, with the declared type and size signed so S3 refuses any other.
 */
public final class Uploads {

  /** How long an upload URL may be used. */
  public static final Duration VALIDITY = Duration.ofMinutes(15);

  /** The default of the largest upload: 50 MiB. */
  public static final long DEFAULT_MAX_BYTES = 50L * 1024 * 1024;

  private final UploadUrls urls;
  private final OwnerSpaces spaces;
  private final String area;
  private final long maxBytes;

  /**
   * @param area the owner area uploads go to ({@code uploads/})
   * @param maxBytes the largest upload allowed
   */
  public Uploads(UploadUrls urls, OwnerSpaces spaces, String area, long maxBytes) {
    if (maxBytes < 1) {
      throw new IllegalArgumentException("the upload limit must be at least 1 byte");
    }
    this.urls = urls;
    this.spaces = spaces;
    this.area = area;
    this.maxBytes = maxBytes;
  }

  /** An upload and where its object will be. */
  public record Upload(UploadUrls.PresignedPut put, String objectUri) {}

  /**
   * Reads an upload request of {@code owner} and presigns it; nothing is presigned when the request
   * is wrong.
   *
   * @throws InvalidRequestException naming every wrong field
   */
  public Upload start(String owner, JsonNode body) {
    String prefix = spaces.keyOf(area, owner, "");
    int left = S3Location.MAX_KEY_BYTES - prefix.getBytes(StandardCharsets.UTF_8).length;
    UploadRequest request = UploadRequest.parse(body, maxBytes, left);
    String key = prefix + request.filename();
    return new Upload(
        urls.presignPut(key, request.contentType(), request.sizeBytes(), VALIDITY),
        urls.uriOf(key));
  }
}
