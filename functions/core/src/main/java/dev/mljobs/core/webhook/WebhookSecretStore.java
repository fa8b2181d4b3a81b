package dev.mljobs.core.webhook;

import java.util.Optional;

/** Where owners' webhook secrets live, one record per owner. */
public interface WebhookSecretStore {

  /**
   * Reads an owner's secrets.
   *
   * @return the secrets, or empty when the owner never had one
   */
  Optional<OwnerSecrets> find(String owner);

  /**
   * Stores {@code secrets} unless the owner already has some (two first requests at once agree on
   * one secret).
   *
   * @return what is stored now: {@code secrets}, or the owner's existing ones
   */
  OwnerSecrets createIfAbsent(OwnerSecrets secrets);

  /**
   * Replaces the owner's secrets, provided the stored current secret is still {@code expected} (a
   * concurrent rotation wins, and this one is told so).
   *
   * @return whether the replacement was written
   */
  boolean replace(OwnerSecrets secrets, WebhookSecret expected);
}
