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
   * @param projectsAll whether it holds every attribute of the item
   * @param included when it does not, the attributes it holds besides the keys
   */
  public record Index(
      String name, Key partitionKey, Key sortKey, boolean projectsAll, List<String> included) {

    public Index {
      included = List.copyOf(included);
    }

    /** An index projecting every attribute. */
    public Index(String name, Key partitionKey, Key sortKey) {
      this(name, partitionKey, sortKey, true, List.of());
    }

    /** An index projecting the table's and its own keys, and {@code included}. */
    public static Index keysOnly(String name, Key partitionKey, Key sortKey, String... included) {
      return new Index(name, partitionKey, sortKey, false, List.of(included));
    }

    Projection projection() {
      if (projectsAll) {
        return Projection.builder().projectionType(ProjectionType.ALL).build();
      }
      return included.isEmpty()
          ? Projection.builder().projectionType(ProjectionType.KEYS_ONLY).build()
          : Projection.builder()
              .projectionType(ProjectionType.INCLUDE)
              .nonKeyAttributes(included)
              .build();
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
                          .projection(i.projection())
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
