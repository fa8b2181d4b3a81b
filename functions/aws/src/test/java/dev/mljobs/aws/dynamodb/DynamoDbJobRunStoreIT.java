package dev.mljobs.aws.dynamodb;

import dev.mljobs.core.job.JobRunStore;
import dev.mljobs.testkit.JobRunStoreContract;

class DynamoDbJobRunStoreIT extends JobRunStoreContract {

  @Override
  protected JobRunStore newStore() {
    return new DynamoDbJobRunStore(LocalDynamoDb.client(), LocalDynamoDb.freshTables());
  }
}
