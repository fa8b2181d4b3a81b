package dev.mljobs.local.sfn.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mljobs.local.asl.StatesError;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * Step Functions' optimized DynamoDB integrations ({@code arn:aws:states:::dynamodb:getItem},
 * {@code putItem}, {@code updateItem}, {@code deleteItem}) against the local DynamoDB, with the
 * Parameters and results in DynamoDB's typed JSON. A refused call fails the task with {@code
 * DynamoDB.<ExceptionName>}, e.g. {@code DynamoDB.ConditionalCheckFailedException}.
 */
final class DynamoDbTasks {

  private final DynamoDbClient dynamo;

  DynamoDbTasks(DynamoDbClient dynamo) {
    this.dynamo = dynamo;
  }

  JsonNode run(String action, JsonNode p) {
    try {
      ObjectNode result = JsonNodeFactory.instance.objectNode();
      switch (action) {
        case "getItem" -> {
          Map<String, AttributeValue> item =
              dynamo
                  .getItem(
                      b ->
                          b.tableName(text(p, "TableName"))
                              .key(DynamoJson.item(p.get("Key"), "Key"))
                              .consistentRead(p.path("ConsistentRead").asBoolean(false))
                              .projectionExpression(optional(p, "ProjectionExpression"))
                              .expressionAttributeNames(names(p)))
                  .item();
          if (item != null && !item.isEmpty()) {
            result.set("Item", DynamoJson.json(item));
          }
        }
        case "putItem" ->
            attributes(
                result,
                dynamo
                    .putItem(
                        b ->
                            b.tableName(text(p, "TableName"))
                                .item(DynamoJson.item(p.get("Item"), "Item"))
                                .conditionExpression(optional(p, "ConditionExpression"))
                                .expressionAttributeNames(names(p))
                                .expressionAttributeValues(values(p))
                                .returnValues(optional(p, "ReturnValues")))
                    .attributes());
        case "updateItem" ->
            attributes(
                result,
                dynamo
                    .updateItem(
                        b ->
                            b.tableName(text(p, "TableName"))
                                .key(DynamoJson.item(p.get("Key"), "Key"))
                                .updateExpression(optional(p, "UpdateExpression"))
                                .conditionExpression(optional(p, "ConditionExpression"))
                                .expressionAttributeNames(names(p))
                                .expressionAttributeValues(values(p))
                                .returnValues(optional(p, "ReturnValues")))
                    .attributes());
        case "deleteItem" ->
            attributes(
                result,
                dynamo
                    .deleteItem(
                        b ->
                            b.tableName(text(p, "TableName"))
                                .key(DynamoJson.item(p.get("Key"), "Key"))
                                .conditionExpression(optional(p, "ConditionExpression"))
                                .expressionAttributeNames(names(p))
                                .expressionAttributeValues(values(p))
                                .returnValues(optional(p, "ReturnValues")))
                    .attributes());
        default -> throw new StatesError("States.Runtime", "unsupported DynamoDB action " + action);
      }
      return result;
    } catch (DynamoDbException e) {
      String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
      String name = code != null ? code : e.getClass().getSimpleName();
      throw new StatesError(
          "DynamoDB." + name,
          e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage());
    } catch (SdkException | IllegalArgumentException e) {
      throw new StatesError("DynamoDB.AmazonDynamoDBException", e.getMessage());
    }
  }

  private static void attributes(ObjectNode result, Map<String, AttributeValue> attributes) {
    if (attributes != null && !attributes.isEmpty()) {
      result.set("Attributes", DynamoJson.json(attributes));
    }
  }

  private static String text(JsonNode p, String field) {
    JsonNode v = p.get(field);
    if (v == null || !v.isTextual()) {
      throw new IllegalArgumentException(field + " is required");
    }
    return v.asText();
  }

  private static String optional(JsonNode p, String field) {
    JsonNode v = p.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static Map<String, String> names(JsonNode p) {
    JsonNode n = p.get("ExpressionAttributeNames");
    if (n == null || n.isNull()) {
      return null;
    }
    Map<String, String> names = new HashMap<>();
    n.properties().forEach(e -> names.put(e.getKey(), e.getValue().asText()));
    return names;
  }

  private static Map<String, AttributeValue> values(JsonNode p) {
    return DynamoJson.item(p.get("ExpressionAttributeValues"), "ExpressionAttributeValues");
  }
}
