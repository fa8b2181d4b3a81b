package dev.mljobs.aws.dynamodb;

import dev.mljobs.core.KeyLimits;
import dev.mljobs.core.model.DuplicateModelException;
import dev.mljobs.core.model.Model;
import dev.mljobs.core.model.ModelStore;
import dev.mljobs.core.model.TaskType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** {@link ModelStore} on DynamoDB: one item per (owner, model_id), written once. */
public final class DynamoDbModelStore implements ModelStore {

  private final DynamoDbClient dynamo;
  private final String table;

  public DynamoDbModelStore(DynamoDbClient dynamo, TableNames tables) {
    this.dynamo = dynamo;
    this.table = tables.models();
  }

  @Override
  public void create(Model model) {
    if (model.builtIn()) {
      throw new IllegalArgumentException("a built-in model is not stored");
    }
    Map<String, AttributeValue> item =
        Attributes.writer()
            .s("owner", model.owner())
            .s("model_id", model.modelId())
            .s("task_type", model.taskType().wireName())
            .s("model_uri", model.modelUri())
            .json("preprocessing", model.preprocessing())
            .s("created_at", model.createdAt())
            .item();
    item.put(
        "labels",
        AttributeValue.fromL(model.labels().stream().map(AttributeValue::fromS).toList()));
    try {
      dynamo.putItem(
          b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(model_id)"));
    } catch (ConditionalCheckFailedException e) {
      throw new DuplicateModelException(model.modelId());
    }
  }

  @Override
  public Optional<Model> find(String owner, String modelId) {
    if (owner == null || modelId == null) {
      throw new IllegalArgumentException("owner and model_id are required");
    }
    if (!KeyLimits.fits(owner, KeyLimits.PARTITION_KEY_BYTES)
        || !KeyLimits.fits(modelId, KeyLimits.SORT_KEY_BYTES)) {
      return Optional.empty(); // DynamoDB would refuse the key: no such model was ever stored
    }
    Map<String, AttributeValue> item =
        dynamo
            .getItem(
                b ->
                    b.tableName(table)
                        .key(
                            Map.of(
                                "owner",
                                AttributeValue.fromS(owner),
                                "model_id",
                                AttributeValue.fromS(modelId)))
                        .consistentRead(true))
            .item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
  }

  @Override
  public List<Model> list(String owner) {
    if (owner == null) {
      throw new IllegalArgumentException("owner is required");
    }
    return dynamo
        .queryPaginator(
            b ->
                b.tableName(table)
                    .keyConditionExpression("#owner = :owner")
                    .expressionAttributeNames(Map.of("#owner", "owner"))
                    .expressionAttributeValues(Map.of(":owner", AttributeValue.fromS(owner)))
                    .consistentRead(true))
        .items()
        .stream()
        .map(DynamoDbModelStore::fromItem)
        .toList();
  }

  private static Model fromItem(Map<String, AttributeValue> item) {
    Attributes a = Attributes.reader(item);
    return new Model(
        a.s("owner"),
        a.s("model_id"),
        TaskType.fromWire(a.s("task_type")),
        a.s("model_uri"),
        item.get("labels").l().stream().map(AttributeValue::s).toList(),
        a.object("preprocessing"),
        a.instant("created_at"));
  }
}
