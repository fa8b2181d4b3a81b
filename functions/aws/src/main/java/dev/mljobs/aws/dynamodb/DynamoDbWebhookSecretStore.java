package dev.mljobs.aws.dynamodb;

import dev.mljobs.core.webhook.OwnerSecrets;
import dev.mljobs.core.webhook.WebhookSecret;
import dev.mljobs.core.webhook.WebhookSecretStore;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * {@link WebhookSecretStore} on DynamoDB: one item per owner; creation and rotation are conditional
 * writes, so concurrent first requests agree on one secret and concurrent rotations on one winner.
 */
public final class DynamoDbWebhookSecretStore implements WebhookSecretStore {

  private final DynamoDbClient dynamo;
  private final String table;

  public DynamoDbWebhookSecretStore(DynamoDbClient dynamo, TableNames tables) {
    this.dynamo = dynamo;
    this.table = tables.webhookSecrets();
  }

  @Override
  public Optional<OwnerSecrets> find(String owner) {
    Map<String, AttributeValue> item =
        dynamo
            .getItem(
                b ->
                    b.tableName(table)
                        .key(Map.of("owner", AttributeValue.fromS(owner)))
                        .consistentRead(true))
            .item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
  }

  @Override
  public OwnerSecrets createIfAbsent(OwnerSecrets secrets) {
    try {
      dynamo.putItem(
          b ->
              b.tableName(table)
                  .item(toItem(secrets))
                  .conditionExpression("attribute_not_exists(#owner)")
                  .expressionAttributeNames(Map.of("#owner", "owner"))
                  .returnValuesOnConditionCheckFailure(
                      ReturnValuesOnConditionCheckFailure.ALL_OLD));
      return secrets;
    } catch (ConditionalCheckFailedException e) {
      return fromItem(e.item());
    }
  }

  @Override
  public boolean replace(OwnerSecrets secrets, WebhookSecret expected) {
    try {
      dynamo.putItem(
          b ->
              b.tableName(table)
                  .item(toItem(secrets))
                  .conditionExpression("#current = :expected")
                  .expressionAttributeNames(Map.of("#current", "current_secret"))
                  .expressionAttributeValues(
                      Map.of(":expected", AttributeValue.fromS(expected.value()))));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }

  private static Map<String, AttributeValue> toItem(OwnerSecrets secrets) {
    return Attributes.writer()
        .s("owner", secrets.owner())
        .s("current_secret", secrets.current().value())
        .s("previous_secret", secrets.previous() == null ? null : secrets.previous().value())
        .s("rotated_at", secrets.rotatedAt())
        .item();
  }

  private static OwnerSecrets fromItem(Map<String, AttributeValue> item) {
    Attributes a = Attributes.reader(item);
    String previous = a.s("previous_secret");
    return new OwnerSecrets(
        a.s("owner"),
        new WebhookSecret(a.s("current_secret")),
        previous == null ? null : new WebhookSecret(previous),
        a.instant("rotated_at"));
  }
}
