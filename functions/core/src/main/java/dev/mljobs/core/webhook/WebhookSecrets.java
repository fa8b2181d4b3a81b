package dev.mljobs.core.webhook;

import dev.mljobs.core.Clock;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The use cases of owners' webhook secrets: shown (created on first use), rotated, and used to
 * sign. A rotation keeps the replaced secret signing for {@link OwnerSecrets#OVERLAP}, so
 * deliveries in flight (and retried) verify with either secret while the receiver switches.
 */
public final class WebhookSecrets {

  private static final int MAX_TRIES = 5;
  private final WebhookSecretStore store;
  private final Clock clock;
  private final RandomGenerator random;

  public WebhookSecrets(WebhookSecretStore store, Clock clock, RandomGenerator random) {
    this.store = store;
    this.clock = clock;
    this.random = random;
  }

  /** The owner's current secret, created on first use. */
  public OwnerSecrets current(String owner) {
    return store
        .find(owner)
        .orElseGet(
            () ->
                store.createIfAbsent(
                    new OwnerSecrets(owner, WebhookSecret.generate(random), null, clock.now())));
  }

  /**
   * Replaces the owner's secret with a new one; the old one keeps signing for a while.
   *
   * @throws IllegalStateException when concurrent rotations keep winning
   */
  public OwnerSecrets rotate(String owner) {
    for (int i = 0; i < MAX_TRIES; i++) {
      OwnerSecrets old = current(owner);
      OwnerSecrets next =
          new OwnerSecrets(owner, WebhookSecret.generate(random), old.current(), clock.now());
      if (store.replace(next, old.current())) {
        return next;
      }
    }
    throw new IllegalStateException("the webhook secret kept changing; try again");
  }

  /** What a delivery now is signed with. */
  public List<WebhookSecret> signing(String owner) {
    return current(owner).signingAt(clock.now());
  }
}
