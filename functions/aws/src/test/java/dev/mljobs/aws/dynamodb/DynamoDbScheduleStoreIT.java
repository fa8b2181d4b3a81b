package dev.mljobs.aws.dynamodb;

import dev.mljobs.core.schedule.ScheduleStore;
import dev.mljobs.testkit.ScheduleStoreContract;

class DynamoDbScheduleStoreIT extends ScheduleStoreContract {

  @Override
  protected ScheduleStore newStore() {
    return new DynamoDbScheduleStore(LocalDynamoDb.client(), LocalDynamoDb.freshTables());
  }
}
