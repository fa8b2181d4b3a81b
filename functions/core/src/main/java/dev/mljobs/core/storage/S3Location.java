package dev.mljobs.core.storage;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An {@code s3://bucket/key} address as mljobs accepts it from a client: a valid bucket name and a
 * key of at most 1,024 bytes with no empty, {@code .} or {@code ..} segment, no backslash and no
 * control character. The key may be empty (a whole bucket) or end with {@code /} (a prefix).
 *
 * <p>S3 itself treats {@code a/../b} as a key like any other, but S3-compatible servers on a file
 * system (the local one) and some clients resolve such segments: refusing them means a key always
 * names the same object everywhere, so a prefix check can never be walked around.
 */
public record S3Location(String bucket, String key) {

  /** S3's limit on a key, in UTF-8 bytes. */
  public static final int MAX_KEY_BYTES = 1024;

  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

  /**
   * @throws IllegalArgumentException with the reason when the bucket or the key is not acceptable
   */
  public S3Location {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(key, "key");
    if (!BUCKET.matcher(bucket).matches()) {
      throw new IllegalArgumentException("the bucket name is not a valid S3 bucket name");
    }
    String reason = keyProblem(key);
    if (reason != null) {
      throw new IllegalArgumentException(reason);
    }
  }

  /**
   * Parses {@code s3://bucket/key}.
   *
   * @throws IllegalArgumentException with the reason when {@code uri} is not of that form
   */
  public static S3Location parse(String uri) {
    if (uri == null || !uri.startsWith("s3://")) {
      throw new IllegalArgumentException("must be an s3://bucket/key URI");
    }
    String rest = uri.substring("s3://".length());
    int slash = rest.indexOf('/');
    return new S3Location(
        slash < 0 ? rest : rest.substring(0, slash), slash < 0 ? "" : rest.substring(slash + 1));
  }

  /** Why {@code key} is not acceptable as an object key or prefix, or {@code null}. */
  public static String keyProblem(String key) {
    if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
      return "the key must be at most " + MAX_KEY_BYTES + " bytes";
    }
    if (key.startsWith("/")) {
      return "the key must not start with /";
    }
    if (key.indexOf('\\') >= 0) {
      // a path separator to Windows clients and file-system servers: a\..\b would walk out
      return "the key must not contain \\ (backslash)";
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (Character.isISOControl(c) || Character.isSurrogate(c) && !validPair(key, i)) {
        return "the key must not contain control characters";
      }
    }
    String[] segments = key.split("/", -1);
    for (int i = 0; i < segments.length; i++) {
      String segment = segments[i];
      boolean last = i == segments.length - 1;
      if (segment.isEmpty() && !last) {
        return "the key must not contain empty segments (//)";
      }
      if (segment.equals(".") || segment.equals("..")) {
        return "the key must not contain . or .. segments";
      }
    }
    return null;
  }

  private static boolean validPair(String s, int i) {
    char c = s.charAt(i);
    return Character.isHighSurrogate(c)
        ? i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
        : i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
  }

  /** Whether this names a prefix (everything under it) rather than one object. */
  public boolean isPrefix() {
    return key.isEmpty() || key.endsWith("/");
  }

  /**
   * Whether this lies under {@code prefix} (or is it): same bucket, and a key that starts with the
   * prefix's key. A prefix ends with {@code /}, so {@code uploads/a/} never covers {@code
   * uploads/ab/}.
   */
  public boolean isWithin(S3Location prefix) {
    return prefix.isPrefix() && bucket.equals(prefix.bucket) && key.startsWith(prefix.key);
  }

  @Override
  public String toString() {
    return "s3://" + bucket + "/" + key;
  }
}
