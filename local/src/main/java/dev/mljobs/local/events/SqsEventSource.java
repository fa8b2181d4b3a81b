package dev.mljobs.local.events;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.mljobs.local.lambda.LocalContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/**
 * Emulates a Lambda event source mapping from an SQS queue: pollers receive batches, invoke the
 * handler with an {@link SQSEvent}, and delete what succeeded. A handler that throws leaves the
 * whole batch to reappear after the visibility timeout; with {@code ReportBatchItemFailures} only
 * the listed messages stay. The queue's redrive policy moves messages received too often to its
 * dead-letter queue, exactly as in AWS.
 */
public final class SqsEventSource implements AutoCloseable {

  /**
   * How the mapping behaves.
   *
   * @param batchSize at most this many messages per invocation (1-10)
   * @param pollers how many batches may be processed at once (AWS's maximum concurrency)
   * @param reportBatchItemFailures whether the handler's {@link SQSBatchResponse} is honoured
   */
  public record Config(
      String functionName,
      String queueUrl,
      String queueArn,
      int batchSize,
      int pollers,
      boolean reportBatchItemFailures,
      Duration functionTimeout) {
    public Config {
      if (batchSize < 1 || batchSize > 10) {
        throw new IllegalArgumentException("batchSize must be between 1 and 10, got " + batchSize);
      }
      if (pollers < 1) {
        throw new IllegalArgumentException("pollers must be at least 1");
      }
    }
  }

  private final SqsClient sqs;
  private final Config config;
  private final RequestHandler<SQSEvent, SQSBatchResponse> handler;
  private final ExecutorService pollers;
  private volatile boolean running = true;

  public SqsEventSource(
      SqsClient sqs, Config config, RequestHandler<SQSEvent, SQSBatchResponse> handler) {
    this.sqs = sqs;
    this.config = config;
    this.handler = handler;
    this.pollers =
        Executors.newFixedThreadPool(
            config.pollers(),
            r -> {
              Thread t = new Thread(r, "esm-" + config.functionName());
              t.setDaemon(true);
              return t;
            });
    for (int i = 0; i < config.pollers(); i++) {
      pollers.submit(this::poll);
    }
  }

  private void poll() {
    while (running && !Thread.currentThread().isInterrupted()) {
      try {
        ReceiveMessageResponse batch =
            sqs.receiveMessage(
                b ->
                    b.queueUrl(config.queueUrl())
                        .maxNumberOfMessages(config.batchSize())
                        .waitTimeSeconds(1)
                        .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                        .messageAttributeNames("All"));
        if (batch.hasMessages() && !batch.messages().isEmpty()) {
          deliver(batch.messages());
        }
      } catch (RuntimeException e) {
        if (running) {
          System.err.println("event source " + config.functionName() + ": " + e);
          pause();
        }
      }
    }
  }

  /** Invokes the handler and deletes the messages it handled. */
  void deliver(List<Message> messages) {
    SQSEvent event = SqsEvents.toEvent(messages, config.queueArn());
    Set<String> failed;
    try {
      SQSBatchResponse response =
          handler.handleRequest(
              event,
              new LocalContext(config.functionName(), config.functionTimeout().toMillis(), 512));
      failed = failures(response, messages);
    } catch (RuntimeException e) {
      System.err.println("handler " + config.functionName() + " failed its batch: " + e);
      return;
    }
    List<DeleteMessageBatchRequestEntry> done = new ArrayList<>();
    for (Message m : messages) {
      if (!failed.contains(m.messageId())) {
        done.add(
            DeleteMessageBatchRequestEntry.builder()
                .id(m.messageId())
                .receiptHandle(m.receiptHandle())
                .build());
      }
    }
    if (!done.isEmpty()) {
      sqs.deleteMessageBatch(b -> b.queueUrl(config.queueUrl()).entries(done));
    }
  }

  /**
   * The ids to keep. As in AWS, a failure entry that names no message of the batch makes the whole
   * batch count as failed.
   */
  private Set<String> failures(SQSBatchResponse response, List<Message> messages) {
    if (!config.reportBatchItemFailures()
        || response == null
        || response.getBatchItemFailures() == null) {
      return Set.of();
    }
    Set<String> ids = messages.stream().map(Message::messageId).collect(Collectors.toSet());
    Set<String> failed = new java.util.HashSet<>();
    for (SQSBatchResponse.BatchItemFailure f : response.getBatchItemFailures()) {
      String id = f.getItemIdentifier();
      if (id == null || !ids.contains(id)) {
        return ids;
      }
      failed.add(id);
    }
    return failed;
  }

  private static void pause() {
    try {
      Thread.sleep(500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops polling and lets batches in flight finish (up to 10 s) before interrupting them. */
  @Override
  public void close() {
    running = false;
    pollers.shutdown();
    try {
      if (!pollers.awaitTermination(10, TimeUnit.SECONDS)) {
        pollers.shutdownNow();
      }
    } catch (InterruptedException e) {
      pollers.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
