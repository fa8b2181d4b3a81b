package dev.mljobs.aws.s3;

import dev.mljobs.core.storage.OwnerSpaces;
import dev.mljobs.core.storage.Uploads;
import java.util.Map;

/**
 * The settings of owner spaces and uploads, by the environment names the local runtime and the CDK
 * app both set: {@value #OWNER_PREFIXES} (prefixes granted to owners, {@code
 * alice=s3://acme-data/team-a/;bob=s3://…}) and {@value #MAX_UPLOAD_BYTES}.
 */
public final class OwnerSettings {

  /** Prefixes an operator grants to owners, besides their own areas of the data bucket. */
  public static final String OWNER_PREFIXES = "MLJOBS_OWNER_PREFIXES";

  /** The largest upload {@code POST /v1/uploads} presigns, in bytes. */
  public static final String MAX_UPLOAD_BYTES = "MLJOBS_MAX_UPLOAD_BYTES";

  private OwnerSettings() {}

  /**
   * Every owner's space: the owner areas of {@link Buckets} in the data bucket, plus the grants.
   *
   * @throws IllegalArgumentException naming the setting when the grants are malformed
   */
  public static OwnerSpaces spaces(Map<String, String> env) {
    try {
      return new OwnerSpaces(
          BucketNames.fromEnv(env).data(),
          Buckets.OWNER_AREAS,
          OwnerSpaces.parseGrants(env.get(OWNER_PREFIXES)));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(OWNER_PREFIXES + ": " + e.getMessage(), e);
    }
  }

  /**
   * The upload limit, {@link Uploads#DEFAULT_MAX_BYTES} when unset.
   *
   * @throws IllegalArgumentException naming the setting when it is not a positive integer
   */
  public static long maxUploadBytes(Map<String, String> env) {
    String text = env.get(MAX_UPLOAD_BYTES);
    if (text == null || text.isBlank()) {
      return Uploads.DEFAULT_MAX_BYTES;
    }
    try {
      long value = Long.parseLong(text.strip());
      if (value >= 1) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        MAX_UPLOAD_BYTES + " must be a positive number of bytes, got '" + text + "'");
  }
}
