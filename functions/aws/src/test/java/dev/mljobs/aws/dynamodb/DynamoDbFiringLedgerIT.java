package dev.mljobs.aws.dynamodb;

import dev.mljobs.core.schedule.FiringLedger;
import dev.mljobs.testkit.FiringLedgerContract;

class DynamoDbFiringLedgerIT extends FiringLedgerContract {

  @Override
  protected FiringLedger newLedger() {
    return new DynamoDbFiringLedger(LocalDynamoDb.client(), LocalDynamoDb.freshTables());
  }
}
