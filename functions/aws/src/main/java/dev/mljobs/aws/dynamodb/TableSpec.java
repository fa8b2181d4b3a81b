package dev.mljobs.aws.dynamodb;

import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The shape of one table: keys, global secondary indexes (projecting every attribute, or only the
 * keys where an index is only counted or its items are read again from the table) and the TTL
 * attribute. Defined once in {@link Tables} and turned into a CreateTableRequest here, into CDK
 * constructs by the stack, and into local tables by the local runtime.
 *
 * @param name the logical name; the physical name comes from {@link TableNames}
 * @param sortKey {@code null} for a table with a partition key only
 * @param ttlAttribute the epoch-seconds attribute DynamoDB expires items by, or {@code null}
 */
public record TableSpec(
    String name, Key partitionKey, Key sortKey, List<Index> indexes, String ttlAttribute) {

  public TableSpec {
    indexes = List.copyOf(indexes);
  }

  /** A key attribute and its type. */
  public record Key(String attribute, ScalarAttributeType type) {
    public static Key string(String attribute) {
      return new Key(attribute, ScalarAttributeType.S);
    }

    public static Key number(String attribute) {
      return new Key(attribute, ScalarAttributeType.N);
    }
  }

  /**
   * A global secondary index.
   *
   * @param keysOnly projects only the keys: every write to it is small and a count reads little
   */
  public record Index(String name, Key partitionKey, Key sortKey, boolean keysOnly) {

    /** An index projecting every attribute. */
    public Index(String name, Key partitionKey, Key sortKey) {
      this(name, partitionKey, sortKey, false);
    }

    /** An index projecting only the table's and its own keys. */
    public static Index keysOnly(String name, Key partitionKey, Key sortKey) {
      return new Index(name, partitionKey, sortKey, true);
    }
  }

  /** The request that creates this table on demand (pay per request) under {@code tableName}. */
  public CreateTableRequest createTableRequest(String tableName) {
    List<Key> keys = new java.util.ArrayList<>();
    keys.add(partitionKey);
    if (sortKey != null) {
      keys.add(sortKey);
    }
    indexes.forEach(
        i -> {
          keys.add(i.partitionKey());
          keys.add(i.sortKey());
        });
    List<AttributeDefinition> definitions =
        keys.stream()
            .distinct()
            .map(
                k ->
                    AttributeDefinition.builder()
                        .attributeName(k.attribute())
                        .attributeType(k.type())
                        .build())
            .toList();
    CreateTableRequest.Builder request =
        CreateTableRequest.builder()
            .tableName(tableName)
            .billingMode(BillingMode.PAY_PER_REQUEST)
            .attributeDefinitions(definitions)
            .keySchema(schema(partitionKey, sortKey));
    if (!indexes.isEmpty()) {
      request.globalSecondaryIndexes(
          indexes.stream()
              .map(
                  i ->
                      GlobalSecondaryIndex.builder()
                          .indexName(i.name())
                          .keySchema(schema(i.partitionKey(), i.sortKey()))
                          .projection(
                              Projection.builder()
                                  .projectionType(
                                      i.keysOnly() ? ProjectionType.KEYS_ONLY : ProjectionType.ALL)
                                  .build())
                          .build())
              .toList());
    }
    return request.build();
  }

  private static List<KeySchemaElement> schema(Key hash, Key range) {
    KeySchemaElement h =
        KeySchemaElement.builder().attributeName(hash.attribute()).keyType(KeyType.HASH).build();
    if (range == null) {
      return List.of(h);
    }
    return List.of(
        h,
        KeySchemaElement.builder().attributeName(range.attribute()).keyType(KeyType.RANGE).build());
  }
}
