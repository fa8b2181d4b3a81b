package dev.mljobs.testkit;

import dev.mljobs.core.webhook.OwnerSecrets;
import dev.mljobs.core.webhook.WebhookSecret;
import dev.mljobs.core.webhook.WebhookSecretStore;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link WebhookSecretStore} in memory; {@link WebhookSecretStoreContract} keeps it honest. */
public final class InMemoryWebhookSecretStore implements WebhookSecretStore {

  private final Map<String, OwnerSecrets> secrets = new ConcurrentHashMap<>();

  @Override
  public Optional<OwnerSecrets> find(String owner) {
    return Optional.ofNullable(secrets.get(owner));
  }

  @Override
  public OwnerSecrets createIfAbsent(OwnerSecrets fresh) {
    OwnerSecrets existing = secrets.putIfAbsent(fresh.owner(), fresh);
    return existing == null ? fresh : existing;
  }

  @Override
  public boolean replace(OwnerSecrets next, WebhookSecret expected) {
    boolean[] replaced = {false};
    secrets.computeIfPresent(
        next.owner(),
        (owner, stored) -> {
          replaced[0] = stored.current().equals(expected);
          return replaced[0] ? next : stored;
        });
    return replaced[0];
  }
}
