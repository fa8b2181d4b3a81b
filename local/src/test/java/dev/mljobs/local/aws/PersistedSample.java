package dev.mljobs.local.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mljobs.aws.sqs.Queues;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * What the persistence tests write before a stop and expect after a restart: a job item, a queued
 * message, an in-flight message (received, not deleted) and an object.
 */
final class PersistedSample {

  static final Duration IN_FLIGHT_VISIBILITY = Duration.ofSeconds(3);

  private static final Map<String, AttributeValue> JOB =
      Map.of(
          "job_id",
          AttributeValue.fromS("persisted-job"),
          "status",
          AttributeValue.fromS("QUEUED"));
  private static final String OBJECT_KEY = "results/persisted.json";

  private PersistedSample() {}

  /**
   * Writes the sample through the SDK clients.
   *
   * @return when the in-flight message becomes visible again
   */
  static Instant write(LocalAws aws) {
    String queue = aws.queueUrl(Queues.JOBS);
    aws.dynamoDb().putItem(b -> b.tableName(LocalAws.tableNames().jobs()).item(JOB));
    aws.s3()
        .putObject(
            b -> b.bucket(LocalAws.bucketNames().data()).key(OBJECT_KEY),
            RequestBody.fromString("{\"ok\":true}"));
    aws.sqs().sendMessage(b -> b.queueUrl(queue).messageBody("in-flight"));
    Instant visibleAgain = Instant.now().plus(IN_FLIGHT_VISIBILITY);
    List<Message> inFlight =
        aws.sqs()
            .receiveMessage(
                b -> b.queueUrl(queue).visibilityTimeout((int) IN_FLIGHT_VISIBILITY.toSeconds()))
            .messages();
    assertThat(inFlight).extracting(Message::body).containsExactly("in-flight");
    aws.sqs().sendMessage(b -> b.queueUrl(queue).messageBody("queued"));
    return visibleAgain;
  }

  /**
   * Reads the sample back. The in-flight message must come back only once its visibility timeout
   * has passed, as a second receive: its first receive was persisted too.
   */
  static void assertReadBack(LocalAws aws, Instant visibleAgain) {
    assertThat(
            aws.dynamoDb()
                .getItem(
                    b ->
                        b.tableName(LocalAws.tableNames().jobs())
                            .key(Map.of("job_id", JOB.get("job_id")))
                            .consistentRead(true))
                .item())
        .isEqualTo(JOB);
    assertThat(
            aws.s3()
                .getObjectAsBytes(b -> b.bucket(LocalAws.bucketNames().data()).key(OBJECT_KEY))
                .asUtf8String())
        .isEqualTo("{\"ok\":true}");

    Map<String, Message> received = new HashMap<>();
    Instant giveUp = visibleAgain.plusSeconds(10);
    while (received.size() < 2 && Instant.now().isBefore(giveUp)) {
      for (Message message : receive(aws)) {
        if (message.body().equals("in-flight")) {
          assertThat(Instant.now()).isAfterOrEqualTo(visibleAgain);
        }
        received.put(message.body(), message);
      }
    }
    assertThat(received).containsOnlyKeys("queued", "in-flight");
    assertThat(received.get("in-flight").attributes())
        .containsEntry(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "2");
  }

  private static List<Message> receive(LocalAws aws) {
    return aws.sqs()
        .receiveMessage(
            b ->
                b.queueUrl(aws.queueUrl(Queues.JOBS))
                    .maxNumberOfMessages(10)
                    .waitTimeSeconds(1)
                    .messageSystemAttributeNames(
                        MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
        .messages();
  }
}
