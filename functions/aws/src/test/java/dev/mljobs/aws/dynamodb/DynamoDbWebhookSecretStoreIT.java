package dev.mljobs.aws.dynamodb;

import dev.mljobs.core.webhook.WebhookSecretStore;
import dev.mljobs.testkit.WebhookSecretStoreContract;

class DynamoDbWebhookSecretStoreIT extends WebhookSecretStoreContract {

  @Override
  protected WebhookSecretStore newStore() {
    return new DynamoDbWebhookSecretStore(LocalDynamoDb.client(), LocalDynamoDb.freshTables());
  }
}
