package dev.mljobs.handlers.webhooks;

import static dev.mljobs.testkit.JobFixtures.aQueuedJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.sun.net.httpserver.HttpServer;
import dev.mljobs.core.job.Callback;
import dev.mljobs.core.job.Job;
import dev.mljobs.core.webhook.CallbackUrlPolicy;
import dev.mljobs.core.webhook.WebhookDeliveries;
import dev.mljobs.core.webhook.WebhookRetries;
import dev.mljobs.core.webhook.WebhookSecrets;
import dev.mljobs.core.webhook.WebhookSender;
import dev.mljobs.core.webhook.WebhookTask;
import dev.mljobs.testkit.InMemoryJobStore;
import dev.mljobs.testkit.InMemoryWebhookSecretStore;
import dev.mljobs.testkit.SettableClock;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The delivery handler with the real sender, against receivers on 127.0.0.1: a hostile one that
 * never finishes its answer costs its own try its deadline and nothing more.
 */
class WebhookDeliveryHandlerTest {

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private final SettableClock clock = new SettableClock(T0);
  private final InMemoryJobStore jobs = new InMemoryJobStore(clock);
  private final List<WebhookTask> scheduled = new ArrayList<>();
  private final List<String> logged = new ArrayList<>();
  private HttpServer good;

  @AfterEach
  void stop() {
    if (good != null) {
      good.stop(0);
    }
  }

  private WebhookDeliveries deliveries(WebhookSender sender) {
    return new WebhookDeliveries(
        jobs,
        new WebhookSecrets(new InMemoryWebhookSecretStore(), clock, new SecureRandom()),
        (task, delay) -> {
          synchronized (scheduled) {
            scheduled.add(task);
          }
        },
        sender,
        new WebhookRetries(Duration.ofSeconds(5), Duration.ofDays(1)),
        job -> "{\"job_id\":\"" + job.jobId() + "\"}",
        clock);
  }

  private Job finishedJob(String callbackUrl) {
    Job queued = jobs.create(aQueuedJob(T0).callbackUrl(callbackUrl).build()).job();
    return jobs.update(jobs.update(queued.start(T0)).complete(null, null, T0));
  }

  private static SQSEvent.SQSMessage message(Job job) {
    WebhookTask task = WebhookTask.first(job.jobId(), T0);
    SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
    message.setMessageId("m-" + job.jobId());
    message.setBody(
        "{\"job_id\":\""
            + task.jobId()
            + "\",\"webhook_id\":\""
            + task.webhookId()
            + "\",\"attempt\":"
            + task.attempt()
            + ",\"first_try_at\":\""
            + task.firstTryAt()
            + "\"}");
    return message;
  }

  private static SQSEvent batch(Job... finished) {
    SQSEvent event = new SQSEvent();
    List<SQSEvent.SQSMessage> records = new ArrayList<>();
    for (Job job : finished) {
      records.add(message(job));
    }
    event.setRecords(records);
    return event;
  }

  private String goodReceiver() throws Exception {
    good = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    good.createContext(
        "/hook",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    good.start();
    return "http://127.0.0.1:" + good.getAddress().getPort() + "/hook";
  }

  @Test
  void hostile_receivers_that_never_finish_cost_their_own_tries_a_deadline_and_are_retried()
      throws Exception {
    // given: ten receivers of one owner answer 200 and then one header byte a second, forever
    try (DribblingReceiver hostile =
            new DribblingReceiver("HTTP/1.1 200 OK\r\nX-Slow: ", (byte) 'a', 1000);
        HttpWebhookSender sender =
            new HttpWebhookSender(
                new CallbackUrlPolicy(
                    false, List.of("127.0.0.1"), CallbackUrlPolicy.Resolver.system()),
                Duration.ofSeconds(2))) {
      List<Job> stalled = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        stalled.add(finishedJob(hostile.url()));
      }
      Job other = finishedJob(goodReceiver());
      List<Job> all = new ArrayList<>(stalled);
      all.add(other);
      WebhookDeliveryHandler handler =
          new WebhookDeliveryHandler(deliveries(sender), Duration.ofSeconds(20));
      // when: one batch with all of them (more than the handler's ten threads)
      SQSBatchResponse response =
          assertTimeoutPreemptively(
              Duration.ofSeconds(60),
              () -> handler.handleRequest(batch(all.toArray(Job[]::new)), context()));
      // then: every try was made and recorded; the stalled ones as transient timeouts, tried again
      assertThat(response.getBatchItemFailures()).isEmpty();
      assertThat(jobs.find(other.jobId()).orElseThrow().callback().status())
          .isEqualTo(Callback.Status.DELIVERED);
      for (Job job : stalled) {
        assertThat(jobs.find(job.jobId()).orElseThrow().callback())
            .isEqualTo(
                new Callback(Callback.Status.PENDING, 1, "timed out (no answer within 2 s)"));
      }
      assertThat(scheduled).hasSize(10).allMatch(task -> task.attempt() == 2);
    }
  }

  @Test
  void a_try_that_does_not_end_in_time_is_given_up_and_its_message_comes_back() throws Exception {
    // given: a try stuck where no deadline of the sender reaches
    CountDownLatch never = new CountDownLatch(1);
    WebhookSender stuck =
        (url, headers, body) -> {
          try {
            never.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return WebhookSender.Response.noAnswer("interrupted");
        };
    Job job = finishedJob("https://hooks.example.com/a");
    WebhookDeliveryHandler handler =
        new WebhookDeliveryHandler(deliveries(stuck), Duration.ofMillis(500));
    // when
    SQSBatchResponse response =
        assertTimeoutPreemptively(
            Duration.ofSeconds(30), () -> handler.handleRequest(batch(job), context()));
    // then
    assertThat(response.getBatchItemFailures())
        .extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
        .containsExactly("m-" + job.jobId());
    assertThat(logged).anyMatch(line -> line.contains("did not end in time"));
  }

  /** A Lambda context whose logger records its lines; nothing else of it is read. */
  private Context context() {
    LambdaLogger logger =
        new LambdaLogger() {
          @Override
          public void log(String message) {
            synchronized (logged) {
              logged.add(message);
            }
          }

          @Override
          public void log(byte[] message) {
            log(new String(message, java.nio.charset.StandardCharsets.UTF_8));
          }
        };
    return (Context)
        Proxy.newProxyInstance(
            Context.class.getClassLoader(),
            new Class<?>[] {Context.class},
            (proxy, method, args) -> method.getName().equals("getLogger") ? logger : null);
  }
}
