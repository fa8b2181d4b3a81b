package dev.mljobs.core.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code webhook-signature} header of the Standard Webhooks specification: {@code v1,} and the
 * base64 HMAC-SHA256 of {@code id.timestamp.body}, one per secret, space-separated (several while a
 * secret is being rotated).
 */
public final class WebhookSignature {

  private WebhookSignature() {}

  /**
   * @param timestamp the {@code webhook-timestamp}: unix seconds of this try
   * @throws IllegalArgumentException when there is no secret
   */
  public static String header(
      String webhookId, long timestamp, String body, List<WebhookSecret> secrets) {
    if (secrets.isEmpty()) {
      throw new IllegalArgumentException("a signature needs at least one secret");
    }
    String content = webhookId + "." + timestamp + "." + body;
    return secrets.stream()
        .map(s -> "v1," + hmac(s.key(), content))
        .collect(Collectors.joining(" "));
  }

  private static String hmac(byte[] key, String content) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return Base64.getEncoder()
          .encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
