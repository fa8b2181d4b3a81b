package dev.mljobs.handlers;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The per-job token a worker presents when it reports progress: an HMAC of the job id under a
 * secret only the platform knows, so a token is good for its own job and nothing else, and the
 * user's API key never reaches a worker.
 */
public final class CallbackTokens {

  private final byte[] secret;

  public CallbackTokens(String secret) {
    if (secret == null || secret.length() < 16) {
      throw new IllegalArgumentException("the callback secret must be at least 16 characters");
    }
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
  }

  public String tokenFor(UUID jobId) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      byte[] digest = mac.doFinal(jobId.toString().getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /** Compares in constant time, so timing does not reveal how much of a guess was right. */
  public boolean isValid(UUID jobId, String token) {
    return token != null
        && MessageDigest.isEqual(
            tokenFor(jobId).getBytes(StandardCharsets.UTF_8),
            token.getBytes(StandardCharsets.UTF_8));
  }
}
