package dev.mljobs.local.aws;

import static dev.mljobs.testkit.JobFixtures.aQueuedJob;
import static dev.mljobs.testkit.Waits.patiently;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mljobs.aws.sqs.QueueNames;
import dev.mljobs.aws.sqs.QueueProvisioner;
import dev.mljobs.aws.sqs.Queues;
import dev.mljobs.aws.sqs.SqsJobQueue;
import dev.mljobs.core.job.Job;
import dev.mljobs.core.job.JobQueue;
import dev.mljobs.testkit.JobQueueContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The job queue contract on ElasticMQ through the real SQS client, each test on a fresh dispatch
 * queue made from the project's own queue definitions (with its dead-letter queue).
 */
class SqsJobQueueIT extends JobQueueContract {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static SqsLocalServer server;
  private static SqsClient sqs;
  private String queueUrl;

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

  @Override
  protected JobQueue newQueue() {
    QueueNames names =
        QueueNames.withPrefix("contract-" + UUID.randomUUID().toString().substring(0, 8) + "-");
    queueUrl = new QueueProvisioner(sqs).ensureQueues(names).get(Queues.JOBS);
    return new SqsJobQueue(sqs, queueUrl);
  }

  @Override
  protected JobQueue unreachableQueue() {
    // a queue that does not exist on the server: SQS answers QueueDoesNotExist
    return new SqsJobQueue(
        sqs,
        URI.create(queueUrl)
            .resolve("/" + SqsLocalServer.ACCOUNT_ID + "/no-such-queue")
            .toString());
  }

  @Override
  protected List<UUID> receive(int count) {
    List<Message> taken = new ArrayList<>();
    patiently(count + " messages")
        .until(
            () -> {
              taken.addAll(
                  sqs.receiveMessage(
                          b ->
                              b.queueUrl(queueUrl)
                                  .maxNumberOfMessages(Math.min(10, count - taken.size()))
                                  .waitTimeSeconds(1)
                                  .messageAttributeNames("All"))
                      .messages());
              return taken.size() >= count;
            });
    List<UUID> jobIds = new ArrayList<>();
    for (Message m : taken) {
      sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
      jobIds.add(jobId(m));
    }
    return jobIds;
  }

  @Override
  protected boolean hasMore() {
    return !sqs.receiveMessage(b -> b.queueUrl(queueUrl).waitTimeSeconds(1)).messages().isEmpty();
  }

  private static UUID jobId(Message m) {
    try {
      return UUID.fromString(JSON.readTree(m.body()).get("job_id").asText());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void the_message_is_the_job_id_alone_with_the_priority_as_an_attribute() {
    // given
    Job job = aQueuedJob(T0).priority(9).build();
    // when
    queue.send(job);
    // then
    List<Message> got = new ArrayList<>();
    patiently("the message")
        .until(
            () -> {
              got.addAll(
                  sqs.receiveMessage(
                          b -> b.queueUrl(queueUrl).waitTimeSeconds(1).messageAttributeNames("All"))
                      .messages());
              return !got.isEmpty();
            });
    Message m = got.get(0);
    assertThat(m.body()).isEqualTo("{\"job_id\":\"" + job.jobId() + "\"}");
    assertThat(m.messageAttributes().get("priority").dataType()).isEqualTo("Number");
    assertThat(m.messageAttributes().get("priority").stringValue()).isEqualTo("9");
  }
}
