package dev.mljobs.aws.dynamodb;

import dev.mljobs.core.trigger.TriggerStore;
import dev.mljobs.testkit.TriggerStoreContract;

class DynamoDbTriggerStoreIT extends TriggerStoreContract {

  @Override
  protected TriggerStore newStore() {
    return new DynamoDbTriggerStore(LocalDynamoDb.client(), LocalDynamoDb.freshTables());
  }
}
