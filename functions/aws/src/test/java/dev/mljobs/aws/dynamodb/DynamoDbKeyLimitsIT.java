package dev.mljobs.aws.dynamodb;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mljobs.core.KeyLimits;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * The byte bounds of {@link KeyLimits} are DynamoDB's own: a key of the bound is stored, one byte
 * more is refused (which, reaching a handler unchecked, was a 500).
 */
class DynamoDbKeyLimitsIT {

  private final DynamoDbClient dynamo = LocalDynamoDb.client();
  private final String table = LocalDynamoDb.freshTables().idempotencyKeys();

  private void put(String owner, String key) {
    dynamo.putItem(
        b ->
            b.tableName(table)
                .item(
                    Map.of(
                        "owner", AttributeValue.fromS(owner),
                        "idempotency_key", AttributeValue.fromS(key))));
  }

  @Test
  void a_sort_key_may_take_its_bound_in_bytes_and_not_one_more() {
    // 512 two-byte characters: 1,024 bytes in 512 characters
    assertThatCode(() -> put("alice", "\u00e9".repeat(KeyLimits.SORT_KEY_BYTES / 2)))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> put("alice", "\u00e9".repeat(KeyLimits.SORT_KEY_BYTES / 2) + "k"))
        .isInstanceOf(DynamoDbException.class);
  }

  @Test
  void a_partition_key_may_take_its_bound_in_bytes_and_not_one_more() {
    assertThatCode(() -> put("o".repeat(KeyLimits.PARTITION_KEY_BYTES), "k"))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> put("o".repeat(KeyLimits.PARTITION_KEY_BYTES + 1), "k"))
        .isInstanceOf(DynamoDbException.class);
  }
}
