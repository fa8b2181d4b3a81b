package dev.mljobs.aws.dynamodb;

import dev.mljobs.core.template.TemplateStore;
import dev.mljobs.testkit.TemplateStoreContract;

class DynamoDbTemplateStoreIT extends TemplateStoreContract {

  @Override
  protected TemplateStore newStore() {
    return new DynamoDbTemplateStore(LocalDynamoDb.client(), LocalDynamoDb.freshTables());
  }
}
