package dev.mljobs.core.webhook;

import java.util.Base64;
import java.util.random.RandomGenerator;

/**
 * An owner's signing secret as the Standard Webhooks specification writes it: {@code whsec_} and
 * the base64 of the key bytes (24 to 64 of them).
 */
public record WebhookSecret(String value) {

  public static final String PREFIX = "whsec_";
  private static final int KEY_BYTES = 32;

  /**
   * @throws IllegalArgumentException when {@code value} is not {@code whsec_} + base64 of 24-64
   *     bytes
   */
  public WebhookSecret {
    if (value == null || !value.startsWith(PREFIX)) {
      throw new IllegalArgumentException("a webhook secret starts with " + PREFIX);
    }
    int length = decode(value).length;
    if (length < 24 || length > 64) {
      throw new IllegalArgumentException("a webhook secret holds 24 to 64 bytes, not " + length);
    }
  }

  /** A fresh secret of 32 random bytes. */
  public static WebhookSecret generate(RandomGenerator random) {
    byte[] key = new byte[KEY_BYTES];
    random.nextBytes(key);
    return new WebhookSecret(PREFIX + Base64.getEncoder().encodeToString(key));
  }

  /** The HMAC key: the bytes after the prefix. */
  public byte[] key() {
    return decode(value);
  }

  private static byte[] decode(String value) {
    try {
      return Base64.getDecoder().decode(value.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("a webhook secret is base64 after " + PREFIX, e);
    }
  }

  /** Never the secret itself: records end up in logs. */
  @Override
  public String toString() {
    return "WebhookSecret[whsec_…]";
  }
}
