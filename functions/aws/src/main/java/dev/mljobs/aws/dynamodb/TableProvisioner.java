package dev.mljobs.aws.dynamodb;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveSpecification;

/**
 * Creates the tables from {@link Tables} where they are missing: used by the local runtime and the
 * tests. In AWS the CDK stack creates them from the same specs.
 */
public final class TableProvisioner {

  private final DynamoDbClient dynamo;

  public TableProvisioner(DynamoDbClient dynamo) {
    this.dynamo = dynamo;
  }

  /** Creates every missing table and waits until all are active. Existing tables are kept. */
  public void ensureTables(TableNames names) {
    for (TableSpec spec : Tables.ALL) {
      String table = names.of(spec);
      try {
        dynamo.createTable(spec.createTableRequest(table));
      } catch (ResourceInUseException alreadyThere) {
        continue;
      }
      dynamo.waiter().waitUntilTableExists(b -> b.tableName(table));
      if (spec.ttlAttribute() != null) {
        dynamo.updateTimeToLive(
            b ->
                b.tableName(table)
                    .timeToLiveSpecification(
                        TimeToLiveSpecification.builder()
                            .attributeName(spec.ttlAttribute())
                            .enabled(true)
                            .build()));
      }
    }
  }
}
