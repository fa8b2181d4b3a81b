package dev.mljobs.core;

import java.nio.charset.StandardCharsets;

/**
 * How long ids and keys may be, in UTF-8 bytes: the stores that keep them as keys count bytes, not
 * characters, and refuse a longer key with an error that would otherwise surface as a 500.
 */
public final class KeyLimits {

  /** DynamoDB's bound on a partition key value (also of an index). */
  public static final int PARTITION_KEY_BYTES = 2048;

  /** DynamoDB's bound on a sort key value (also of an index). */
  public static final int SORT_KEY_BYTES = 1024;

  /** S3's bound on an object key. */
  public static final int S3_KEY_BYTES = 1024;

  /** The sort key of the idempotency keys table. */
  public static final int IDEMPOTENCY_KEY_BYTES = SORT_KEY_BYTES;

  /**
   * An owner, as the authorizer names it, in characters: at most 768 bytes, so that it and the keys
   * made of it ({@code owner#status}) stay within a partition key.
   */
  public static final int OWNER_CHARS = 256;

  /**
   * An owner as one S3 key segment (percent-encoded UTF-8, {@code OwnerSpaces.segment}), in bytes:
   * with its area ({@code uploads/}) and a file name it must stay within an S3 key. 256 characters
   * of non-ASCII text encode to up to 2,304 bytes, so the character bound alone does not do it.
   */
  public static final int OWNER_SEGMENT_BYTES = 512;

  /** An opaque paging cursor: it stands for a sort key, so it is never longer than one. */
  public static final int CURSOR_BYTES = SORT_KEY_BYTES;

  private KeyLimits() {}

  /** The length of {@code text} in UTF-8. */
  public static int utf8Length(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }

  /** Whether {@code text} fits in {@code maxBytes} of UTF-8. */
  public static boolean fits(String text, int maxBytes) {
    // a char is at most 3 bytes: short text needs no encoding to be known to fit
    return text.length() * 3 <= maxBytes || utf8Length(text) <= maxBytes;
  }
}
