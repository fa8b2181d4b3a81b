package dev.mljobs.aws.dynamodb;

import dev.mljobs.core.group.GroupStore;
import dev.mljobs.testkit.GroupStoreContract;

class DynamoDbGroupStoreIT extends GroupStoreContract {

  @Override
  protected GroupStore newStore() {
    return new DynamoDbGroupStore(LocalDynamoDb.client(), LocalDynamoDb.freshTables());
  }
}
