package dev.mljobs.aws.dynamodb;

import static dev.mljobs.testkit.JobFixtures.aQueuedJob;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mljobs.core.job.Job;
import dev.mljobs.core.job.JobStore;
import dev.mljobs.testkit.JobStoreContract;
import dev.mljobs.testkit.SettableClock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

class DynamoDbJobStoreIT extends JobStoreContract {

  private TableNames tables;

  @Override
  protected JobStore newStore(SettableClock clock) {
    tables = LocalDynamoDb.freshTables();
    return new DynamoDbJobStore(LocalDynamoDb.client(), tables, clock);
  }

  private Map<String, AttributeValue> rawItem(Job job) {
    return LocalDynamoDb.client()
        .getItem(
            b ->
                b.tableName(tables.jobs())
                    .key(Map.of("job_id", AttributeValue.fromS(job.jobId().toString()))))
        .item();
  }

  @Test
  void ttl_is_enabled_on_expires_at_in_epoch_seconds_rounded_up() {
    // given
    Job job = store.create(aQueuedJob(T0).ttlHours(1).build()).job();
    Job done = store.update(store.update(job.start(T0)).complete(null, null, T0.plusSeconds(2)));
    // then: the TTL setting of the table
    assertThat(
            LocalDynamoDb.client()
                .describeTimeToLive(b -> b.tableName(tables.jobs()))
                .timeToLiveDescription())
        .satisfies(
            ttl -> {
              assertThat(ttl.attributeName()).isEqualTo("expires_at");
              assertThat(ttl.timeToLiveStatus()).isEqualTo(TimeToLiveStatus.ENABLED);
            });
    // and the stored attribute: a number of whole seconds, never before the exact expiry
    AttributeValue expires = rawItem(done).get("expires_at");
    long seconds = Long.parseLong(expires.n());
    assertThat(seconds).isEqualTo(done.expiresAt().getEpochSecond() + 1);
    assertThat(done.expiresAt().getNano()).isPositive();
  }

  @Test
  void a_job_that_is_not_terminal_has_no_ttl_attribute() {
    Job job = store.create(aQueuedJob(T0).build()).job();
    assertThat(rawItem(job)).doesNotContainKey("expires_at").containsKey("status");
    assertThat(rawItem(job).get("status").s()).isEqualTo("queued");
  }

  @Test
  void dynamodb_itself_refuses_a_write_to_a_terminal_job_whatever_the_version() {
    // given: a cancelled job
    Job cancelled = store.update(store.create(aQueuedJob(T0).build()).job().cancel(T0));
    // when: a raw write that matches the version but bypasses all Java checks
    Map<String, AttributeValue> forged = JobItems.toItem(cancelled.toBuilder().progress(7).build());
    Throwable refused =
        org.assertj.core.api.Assertions.catchThrowable(
            () ->
                LocalDynamoDb.client()
                    .putItem(
                        b ->
                            b.tableName(tables.jobs())
                                .item(forged)
                                .conditionExpression(DynamoDbJobStore.WRITABLE)
                                .expressionAttributeNames(
                                    Map.of("#version", "version", "#status", "status"))
                                .expressionAttributeValues(
                                    Map.of(
                                        ":expected",
                                            AttributeValue.fromN(
                                                Long.toString(cancelled.version())),
                                        ":completed", AttributeValue.fromS("completed"),
                                        ":failed", AttributeValue.fromS("failed"),
                                        ":cancelled", AttributeValue.fromS("cancelled"),
                                        ":skipped", AttributeValue.fromS("skipped")))));
    // then
    assertThat(refused)
        .isInstanceOf(
            software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException.class);
    assertThat(rawItem(cancelled).get("progress").n()).isEqualTo("0");
  }
}
