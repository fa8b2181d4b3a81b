package dev.mljobs.local.scheduler;

import static dev.mljobs.local.scheduler.SchedulerFixture.ROLE_ARN;
import static dev.mljobs.local.scheduler.SchedulerFixture.aSchedule;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mljobs.local.aws.LocalClients;
import dev.mljobs.local.aws.SqsLocalServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The SQS target against ElasticMQ, through the real {@link SqsClient}. */
class SqsScheduleTargetsTest {

  private static final Instant NOW = Instant.parse("2026-05-04T10:00:00Z");

  private static SqsLocalServer server;
  private static SqsClient sqs;

  @BeforeAll
  static void startElasticMq() {
    server = SqsLocalServer.inMemory(0);
    sqs = LocalClients.sqs(server.endpoint());
  }

  @AfterAll
  static void stopElasticMq() {
    sqs.close();
    server.close();
  }

  @Test
  void a_fire_sends_the_input_to_the_target_queue() {
    // given
    String queueUrl = sqs.createQueue(r -> r.queueName("fired")).queueUrl();
    try (SchedulerFixture fixture = SchedulerFixture.startingAt(NOW, new SqsScheduleTargets(sqs))) {
      fixture
          .client()
          .createSchedule(
              aSchedule("hourly")
                  .target(t -> t.arn(arn("fired")).roleArn(ROLE_ARN).input("{\"job\":\"nightly\"}"))
                  .build());

      // when
      fixture.time.advanceBy(Duration.ofHours(1));
    }

    // then
    assertThat(receive(queueUrl))
        .singleElement()
        .extracting(Message::body)
        .isEqualTo("{\"job\":\"nightly\"}");
  }

  @Test
  void an_event_the_target_queue_refuses_ends_in_the_dead_letter_queue_with_aws_attributes() {
    // given no queue "absent" exists
    String deadLetterUrl = sqs.createQueue(r -> r.queueName("refused-dlq")).queueUrl();
    try (SchedulerFixture fixture = SchedulerFixture.startingAt(NOW, new SqsScheduleTargets(sqs))) {
      fixture
          .client()
          .createSchedule(
              aSchedule("hourly")
                  .target(
                      t ->
                          t.arn(arn("absent"))
                              .roleArn(ROLE_ARN)
                              .input("{\"job\":\"nightly\"}")
                              .retryPolicy(r -> r.maximumRetryAttempts(1))
                              .deadLetterConfig(d -> d.arn(arn("refused-dlq"))))
                  .build());

      // when
      fixture.time.advanceBy(Duration.ofHours(1).plusSeconds(5));
    }

    // then
    Message deadLetter = receive(deadLetterUrl).get(0);
    assertThat(deadLetter.body()).isEqualTo("{\"job\":\"nightly\"}");
    assertThat(deadLetter.messageAttributes().get("EXHAUSTED_RETRY_CONDITION").stringValue())
        .isEqualTo("MaximumRetryAttempts");
    assertThat(deadLetter.messageAttributes().get("ERROR_CODE").stringValue())
        .isEqualTo("QueueDoesNotExistException");
    assertThat(deadLetter.messageAttributes().get("TARGET_ARN").stringValue())
        .isEqualTo(arn("absent"));
  }

  @Test
  void a_fifo_queue_receives_the_message_group_of_the_schedule() {
    // given
    String queueUrl =
        sqs.createQueue(
                r ->
                    r.queueName("ordered.fifo")
                        .attributes(
                            Map.of(
                                QueueAttributeName.FIFO_QUEUE, "true",
                                QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "true")))
            .queueUrl();
    try (SchedulerFixture fixture = SchedulerFixture.startingAt(NOW, new SqsScheduleTargets(sqs))) {
      fixture
          .client()
          .createSchedule(
              aSchedule("hourly")
                  .target(
                      t ->
                          t.arn(arn("ordered.fifo"))
                              .roleArn(ROLE_ARN)
                              .input("{\"job\":\"nightly\"}")
                              .sqsParameters(s -> s.messageGroupId("nightly-jobs")))
                  .build());

      // when
      fixture.time.advanceBy(Duration.ofHours(1));
    }

    // then
    assertThat(receive(queueUrl))
        .singleElement()
        .satisfies(
            m ->
                assertThat(m.attributes())
                    .containsEntry(MessageSystemAttributeName.MESSAGE_GROUP_ID, "nightly-jobs"));
  }

  private static String arn(String queue) {
    return "arn:aws:sqs:us-east-1:000000000000:" + queue;
  }

  private static List<Message> receive(String queueUrl) {
    return sqs.receiveMessage(
            r ->
                r.queueUrl(queueUrl)
                    .maxNumberOfMessages(10)
                    .waitTimeSeconds(1)
                    .messageAttributeNames("All")
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL))
        .messages();
  }
}
