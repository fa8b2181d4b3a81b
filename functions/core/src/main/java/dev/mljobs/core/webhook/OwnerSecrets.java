package dev.mljobs.core.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An owner's webhook secrets: the current one and, for a while after a rotation, the one it
 * replaced, so that receivers still holding the old secret keep verifying deliveries (each is
 * signed with both) until they switch.
 *
 * @param previous the replaced secret, or {@code null}
 * @param rotatedAt when {@code current} replaced {@code previous} (or was created)
 */
public record OwnerSecrets(
    String owner, WebhookSecret current, WebhookSecret previous, Instant rotatedAt) {

  /** How long a replaced secret still signs: as long as a delivery is retried. */
  public static final Duration OVERLAP = Duration.ofHours(24);

  public OwnerSecrets {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(current, "current");
    Objects.requireNonNull(rotatedAt, "rotatedAt");
  }

  /** The secrets a delivery at {@code now} is signed with, the current one first. */
  public List<WebhookSecret> signingAt(Instant now) {
    boolean overlapping = previous != null && now.isBefore(rotatedAt.plus(OVERLAP));
    return overlapping ? List.of(current, previous) : List.of(current);
  }
}
