package dev.mljobs.core.webhook;

import static dev.mljobs.testkit.JobFixtures.aQueuedJob;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mljobs.core.job.Callback;
import dev.mljobs.core.job.Job;
import dev.mljobs.testkit.InMemoryJobStore;
import dev.mljobs.testkit.InMemoryWebhookSecretStore;
import dev.mljobs.testkit.SettableClock;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The delivery use case over in-memory stores, a recording queue and a scripted receiver. */
class WebhookDeliveriesTest {

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private SettableClock clock;
  private InMemoryJobStore jobs;
  private WebhookSecrets secrets;
  private final List<Map.Entry<WebhookTask, Duration>> scheduled = new ArrayList<>();
  private final Deque<WebhookSender.Response> answers = new ArrayDeque<>();
  private final List<Map<String, String>> sentHeaders = new ArrayList<>();
  private final List<String> sentBodies = new ArrayList<>();
  private WebhookDeliveries deliveries;

  @BeforeEach
  void setUp() {
    clock = new SettableClock(T0);
    jobs = new InMemoryJobStore(clock);
    secrets = new WebhookSecrets(new InMemoryWebhookSecretStore(), clock, new SecureRandom());
    WebhookSender sender =
        (URI url, Map<String, String> headers, String body) -> {
          sentHeaders.add(headers);
          sentBodies.add(body);
          return answers.isEmpty() ? WebhookSender.Response.answered(200) : answers.pop();
        };
    deliveries =
        new WebhookDeliveries(
            jobs,
            secrets,
            (task, delay) -> scheduled.add(Map.entry(task, delay)),
            sender,
            new WebhookRetries(Duration.ofSeconds(5), Duration.ofDays(1)),
            job -> "{\"job_id\":\"" + job.jobId() + "\",\"status\":\"" + job.status() + "\"}",
            clock);
  }

  private Job finishedJob() {
    Job queued =
        jobs.create(aQueuedJob(T0).callbackUrl("https://hooks.example.com/a").build()).job();
    Job done = jobs.update(jobs.update(queued.start(T0)).complete(null, null, T0));
    deliveries.jobFinished(done);
    return done;
  }

  private WebhookTask lastScheduled() {
    return scheduled.get(scheduled.size() - 1).getKey();
  }

  /** The specification's check, written independently of {@link WebhookSignature}. */
  private static boolean verifies(String secret, Map<String, String> headers, String body)
      throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring(6)), "HmacSHA256"));
    String signed = headers.get("webhook-id") + "." + headers.get("webhook-timestamp") + "." + body;
    String expected =
        "v1,"
            + Base64.getEncoder()
                .encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    return List.of(headers.get("webhook-signature").split(" ")).contains(expected);
  }

  @Test
  void a_finished_job_with_a_callback_url_schedules_one_first_try_now() {
    Job job = finishedJob();
    assertThat(scheduled).hasSize(1);
    assertThat(scheduled.get(0).getValue()).isZero();
    assertThat(lastScheduled())
        .isEqualTo(new WebhookTask(job.jobId(), "msg_" + job.jobId(), 1, T0));
    Job withoutUrl = jobs.create(aQueuedJob(T0).build()).job();
    deliveries.jobFinished(jobs.update(jobs.update(withoutUrl.start(T0)).fail("x", T0)));
    assertThat(scheduled).hasSize(1);
  }

  @Test
  void a_delivered_try_is_signed_per_the_specification_and_recorded() throws Exception {
    Job job = finishedJob();
    clock.advance(Duration.ofMillis(1500));
    assertThat(deliveries.attempt(lastScheduled()))
        .contains(new Callback(Callback.Status.DELIVERED, 1, null));
    Map<String, String> headers = sentHeaders.get(0);
    assertThat(headers.get("webhook-id")).isEqualTo("msg_" + job.jobId());
    assertThat(headers.get("webhook-timestamp")).isEqualTo(Long.toString(T0.getEpochSecond() + 1));
    assertThat(verifies(secrets.current(job.owner()).current().value(), headers, sentBodies.get(0)))
        .isTrue();
    assertThat(jobs.find(job.jobId()).orElseThrow().callback().status())
        .isEqualTo(Callback.Status.DELIVERED);
    // a repeated message finds the webhook settled and sends nothing
    assertThat(deliveries.attempt(lastScheduled())).isEmpty();
    assertThat(sentBodies).hasSize(1);
  }

  @Test
  void a_failed_try_is_retried_with_growing_delays_and_the_same_id() {
    Job job = finishedJob();
    answers.add(WebhookSender.Response.answered(500));
    answers.add(WebhookSender.Response.noAnswer("timed out"));
    deliveries.attempt(lastScheduled());
    assertThat(jobs.find(job.jobId()).orElseThrow().callback())
        .isEqualTo(new Callback(Callback.Status.PENDING, 1, "HTTP 500"));
    deliveries.attempt(lastScheduled());
    deliveries.attempt(lastScheduled());
    assertThat(scheduled)
        .extracting(Map.Entry::getValue)
        .containsExactly(Duration.ZERO, Duration.ofSeconds(5), Duration.ofSeconds(10));
    assertThat(sentHeaders).extracting(h -> h.get("webhook-id")).containsOnly("msg_" + job.jobId());
    assertThat(sentBodies).containsOnly(sentBodies.get(0));
    assertThat(jobs.find(job.jobId()).orElseThrow().callback())
        .isEqualTo(new Callback(Callback.Status.DELIVERED, 3, null));
  }

  @Test
  void tries_stop_a_day_after_the_first_and_the_job_shows_failed() {
    Job job = finishedJob();
    WebhookTask task = lastScheduled();
    int tries = 0;
    while (jobs.find(job.jobId()).orElseThrow().callback().status() == Callback.Status.PENDING) {
      answers.add(WebhookSender.Response.answered(503));
      deliveries.attempt(task);
      tries++;
      if (scheduled.get(scheduled.size() - 1).getKey().attempt() > task.attempt()) {
        clock.advance(scheduled.get(scheduled.size() - 1).getValue());
        task = lastScheduled();
      }
    }
    Callback last = jobs.find(job.jobId()).orElseThrow().callback();
    assertThat(last).isEqualTo(new Callback(Callback.Status.FAILED, tries, "HTTP 503"));
    assertThat(clock.now()).isBefore(T0.plus(Duration.ofDays(1)).plusSeconds(1));
    assertThat(clock.now()).isAfter(T0.plus(Duration.ofHours(23)));
    assertThat(scheduled.stream().mapToLong(e -> e.getValue().toSeconds()).max().orElseThrow())
        .isEqualTo(900);
  }

  @Test
  void a_final_answer_or_a_refused_address_is_not_retried() {
    Job job = finishedJob();
    answers.add(WebhookSender.Response.answered(410));
    deliveries.attempt(lastScheduled());
    assertThat(scheduled).hasSize(1);
    assertThat(jobs.find(job.jobId()).orElseThrow().callback())
        .isEqualTo(new Callback(Callback.Status.FAILED, 1, "HTTP 410"));

    Job other = finishedJob();
    answers.add(WebhookSender.Response.refusedAddress("address 10.0.0.1, a private address"));
    deliveries.attempt(lastScheduled());
    assertThat(jobs.find(other.jobId()).orElseThrow().callback().status())
        .isEqualTo(Callback.Status.FAILED);
  }

  @Test
  void after_a_rotation_a_try_carries_both_signatures() throws Exception {
    Job job = finishedJob();
    String old = secrets.current(job.owner()).current().value();
    String fresh = secrets.rotate(job.owner()).current().value();
    deliveries.attempt(lastScheduled());
    Map<String, String> headers = sentHeaders.get(0);
    assertThat(headers.get("webhook-signature").split(" ")).hasSize(2);
    assertThat(verifies(old, headers, sentBodies.get(0))).isTrue();
    assertThat(verifies(fresh, headers, sentBodies.get(0))).isTrue();
  }
}
