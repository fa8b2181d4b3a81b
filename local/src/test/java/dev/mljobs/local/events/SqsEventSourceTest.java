package dev.mljobs.local.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.mljobs.local.aws.LocalClients;
import dev.mljobs.local.aws.SqsLocalServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The event source mapping against a real SQS API (ElasticMQ), through the real SDK client. */
class SqsEventSourceTest {

  private static SqsLocalServer server;
  private static SqsClient sqs;

  @BeforeAll
  static void start() {
    server = SqsLocalServer.inMemory(0);
    sqs = LocalClients.sqs(server.endpoint());
  }

  @AfterAll
  static void stop() {
    sqs.close();
    server.close();
  }

  /** A queue with a dead-letter queue after {@code maxReceives} and a 1 s visibility timeout. */
  private static String[] queueWithDlq(String name, int maxReceives) {
    String dlqUrl = sqs.createQueue(b -> b.queueName(name + "-dlq")).queueUrl();
    String dlqArn =
        sqs.getQueueAttributes(b -> b.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
            .attributes()
            .get(QueueAttributeName.QUEUE_ARN);
    String url =
        sqs.createQueue(
                b ->
                    b.queueName(name)
                        .attributes(
                            Map.of(
                                QueueAttributeName.VISIBILITY_TIMEOUT,
                                "1",
                                QueueAttributeName.REDRIVE_POLICY,
                                "{\"deadLetterTargetArn\":\""
                                    + dlqArn
                                    + "\",\"maxReceiveCount\":\""
                                    + maxReceives
                                    + "\"}")))
            .queueUrl();
    return new String[] {url, dlqUrl};
  }

  private static SqsEventSource source(
      String queueUrl, int batchSize, RequestHandler<SQSEvent, SQSBatchResponse> handler) {
    return new SqsEventSource(
        sqs,
        new SqsEventSource.Config(
            "dispatch",
            queueUrl,
            "arn:aws:sqs:us-east-1:000000000000:q",
            batchSize,
            1,
            true,
            Duration.ofSeconds(5)),
        handler);
  }

  private static int visibleMessages(String url) {
    Map<QueueAttributeName, String> a =
        sqs.getQueueAttributes(
                b ->
                    b.queueUrl(url)
                        .attributeNames(
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
            .attributes();
    return Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
        + Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 20 s");
      }
      Thread.sleep(50);
    }
  }

  @Test
  void messages_reach_the_handler_in_batches_with_their_attributes_and_are_deleted()
      throws Exception {
    // given
    String url = queueWithDlq("happy", 3)[0];
    for (int i = 0; i < 7; i++) {
      int n = i;
      sqs.sendMessage(
          b ->
              b.queueUrl(url)
                  .messageBody("job-" + n)
                  .messageAttributes(
                      Map.of(
                          "priority",
                          MessageAttributeValue.builder()
                              .dataType("Number")
                              .stringValue("5")
                              .build())));
    }
    List<SQSEvent> events = new CopyOnWriteArrayList<>();
    // when
    try (SqsEventSource ignored =
        source(
            url,
            3,
            (e, c) -> {
              events.add(e);
              return new SQSBatchResponse(List.of());
            })) {
      await(() -> events.stream().mapToInt(e -> e.getRecords().size()).sum() == 7);
      await(() -> visibleMessages(url) == 0);
    }
    // then
    assertThat(events).allSatisfy(e -> assertThat(e.getRecords()).hasSizeBetween(1, 3));
    SQSEvent.SQSMessage first = events.get(0).getRecords().get(0);
    assertThat(first.getEventSource()).isEqualTo("aws:sqs");
    assertThat(first.getEventSourceArn()).isEqualTo("arn:aws:sqs:us-east-1:000000000000:q");
    assertThat(first.getAttributes()).containsKey("ApproximateReceiveCount");
    assertThat(first.getMessageAttributes().get("priority").getStringValue()).isEqualTo("5");
    assertThat(
            events.stream().flatMap(e -> e.getRecords().stream()).map(SQSEvent.SQSMessage::getBody))
        .containsExactlyInAnyOrder("job-0", "job-1", "job-2", "job-3", "job-4", "job-5", "job-6");
  }

  @Test
  void only_the_reported_failures_come_back_and_they_end_in_the_dead_letter_queue()
      throws Exception {
    // given: "bad" always fails, "good" succeeds; max 2 receives
    String[] queues = queueWithDlq("partial", 2);
    sqs.sendMessage(b -> b.queueUrl(queues[0]).messageBody("good"));
    sqs.sendMessage(b -> b.queueUrl(queues[0]).messageBody("bad"));
    Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
    RequestHandler<SQSEvent, SQSBatchResponse> handler =
        (e, c) ->
            new SQSBatchResponse(
                e.getRecords().stream()
                    .peek(
                        r ->
                            deliveries
                                .computeIfAbsent(r.getBody(), k -> new AtomicInteger())
                                .incrementAndGet())
                    .filter(r -> r.getBody().equals("bad"))
                    .map(r -> new SQSBatchResponse.BatchItemFailure(r.getMessageId()))
                    .toList());
    // when
    try (SqsEventSource ignored = source(queues[0], 10, handler)) {
      await(() -> visibleMessages(queues[1]) == 1);
    }
    // then
    assertThat(deliveries.get("good").get()).isEqualTo(1);
    assertThat(deliveries.get("bad").get()).isEqualTo(2);
    assertThat(sqs.receiveMessage(b -> b.queueUrl(queues[1])).messages())
        .singleElement()
        .satisfies(m -> assertThat(m.body()).isEqualTo("bad"));
    assertThat(visibleMessages(queues[0])).isZero();
  }

  @Test
  void a_handler_that_throws_gets_the_whole_batch_again() throws Exception {
    // given
    String url = queueWithDlq("throws", 5)[0];
    sqs.sendMessage(b -> b.queueUrl(url).messageBody("once-broken"));
    AtomicInteger calls = new AtomicInteger();
    // when: the first call throws, the second succeeds
    try (SqsEventSource ignored =
        source(
            url,
            10,
            (e, c) -> {
              if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("transient");
              }
              return null;
            })) {
      await(() -> calls.get() >= 2 && visibleMessages(url) == 0);
    }
    // then
    assertThat(calls.get()).isEqualTo(2);
  }

  @Test
  void a_failure_naming_no_message_of_the_batch_fails_the_whole_batch() throws Exception {
    String url = queueWithDlq("unknown-id", 5)[0];
    sqs.sendMessage(b -> b.queueUrl(url).messageBody("m"));
    AtomicInteger calls = new AtomicInteger();
    try (SqsEventSource ignored =
        source(
            url,
            10,
            (e, c) ->
                calls.incrementAndGet() == 1
                    ? new SQSBatchResponse(
                        List.of(new SQSBatchResponse.BatchItemFailure("not-in-batch")))
                    : new SQSBatchResponse(List.of()))) {
      await(() -> calls.get() >= 2 && visibleMessages(url) == 0);
    }
    assertThat(calls.get()).isEqualTo(2);
  }
}
