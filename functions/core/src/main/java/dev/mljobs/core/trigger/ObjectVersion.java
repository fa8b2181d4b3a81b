package dev.mljobs.core.trigger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One version of an object, as an S3 event notification names it.
 *
 * @param versionId {@code null} in a bucket without versioning
 * @param sequencer S3's order of the events of one key: a new write of the key has a new one, a
 *     redelivered notification the same
 */
public record ObjectVersion(
    String bucket, String key, long size, String eTag, String versionId, String sequencer) {

  public String uri() {
    return "s3://" + bucket + "/" + key;
  }

  /**
   * The idempotency key of this version: bucket, key, version id (or, unversioned, the ETag) and
   * sequencer, digested so that any key fits. A notification delivered again, or a retried handler,
   * gives the same id; overwriting the key gives a new one, even with the same content.
   */
  public String id() {
    String version = versionId == null || versionId.isEmpty() ? "etag:" + eTag : "v:" + versionId;
    String text = bucket + "\n" + key + "\n" + version + "\n" + sequencer;
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
