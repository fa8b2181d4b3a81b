package dev.mljobs.testkit;

import dev.mljobs.core.webhook.WebhookSecretStore;

class InMemoryWebhookSecretStoreTest extends WebhookSecretStoreContract {

  @Override
  protected WebhookSecretStore newStore() {
    return new InMemoryWebhookSecretStore();
  }
}
