package dev.mljobs.core.storage;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Presigned uploads into the data bucket, so a user needs no S3 credentials of its own. */
public interface UploadUrls {

  /** A URL to PUT one object to, the headers the PUT must send, and when the URL expires. */
  record PresignedPut(String url, Map<String, String> headers, Instant expiresAt) {}

  /**
   * Presigns a PUT of {@code key} in the data bucket that S3 accepts only with exactly this {@code
   * Content-Type} and {@code Content-Length} (both are signed).
   *
   * @param validity how long the URL may be used
   * @throws IllegalArgumentException when the key is not one S3 accepts
   */
  PresignedPut presignPut(String key, String contentType, long sizeBytes, Duration validity);

  /** The {@code s3://} URI of {@code key} in the data bucket. */
  String uriOf(String key);
}
