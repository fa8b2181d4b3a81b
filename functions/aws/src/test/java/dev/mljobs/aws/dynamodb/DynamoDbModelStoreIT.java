package dev.mljobs.aws.dynamodb;

import dev.mljobs.core.model.ModelStore;
import dev.mljobs.testkit.ModelStoreContract;

class DynamoDbModelStoreIT extends ModelStoreContract {

  @Override
  protected ModelStore newStore() {
    return new DynamoDbModelStore(LocalDynamoDb.client(), LocalDynamoDb.freshTables());
  }
}
