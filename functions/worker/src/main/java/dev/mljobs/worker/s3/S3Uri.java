package dev.mljobs.worker.s3;

/**
 * An {@code s3://bucket/key} address. The key may be empty (a whole bucket) or end with {@code /}
 * (a prefix).
 */
public record S3Uri(String bucket, String key) {

  public S3Uri {
    if (bucket == null || bucket.isEmpty() || key == null) {
      throw new IllegalArgumentException("bucket and key are required");
    }
  }

  /**
   * Parses {@code s3://bucket/key}.
   *
   * @throws IllegalArgumentException when {@code uri} is not of that form
   */
  public static S3Uri parse(String uri) {
    if (uri == null || !uri.startsWith("s3://")) {
      throw new IllegalArgumentException("must be an s3://bucket/key URI, got '" + uri + "'");
    }
    String rest = uri.substring(5);
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    if (bucket.isEmpty() || bucket.contains(" ")) {
      throw new IllegalArgumentException("must be an s3://bucket/key URI, got '" + uri + "'");
    }
    return new S3Uri(bucket, slash < 0 ? "" : rest.substring(slash + 1));
  }

  /** Whether this names a prefix (everything under it) rather than one object. */
  public boolean isPrefix() {
    return key.isEmpty() || key.endsWith("/");
  }

  /** The object named {@code name} under this prefix. */
  public S3Uri resolve(String name) {
    return new S3Uri(bucket, key + name);
  }

  @Override
  public String toString() {
    return "s3://" + bucket + "/" + key;
  }
}
