package dev.mljobs.handlers.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mljobs.core.job.EventsUnavailableException;
import dev.mljobs.core.job.Job;
import dev.mljobs.core.webhook.WebhookDeliveries;
import dev.mljobs.core.webhook.WebhookRetries;
import dev.mljobs.core.webhook.WebhookSecrets;
import dev.mljobs.core.webhook.WebhookSender;
import dev.mljobs.testkit.InMemoryJobStore;
import dev.mljobs.testkit.InMemoryWebhookSecretStore;
import dev.mljobs.testkit.JobFixtures;
import dev.mljobs.testkit.SettableClock;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The webhook is scheduled, or the caller learns it was not; the bus is told either way. */
class WebhookJobEventsTest {

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private final SettableClock clock = new SettableClock(T0);
  private final InMemoryJobStore jobs = new InMemoryJobStore(clock);
  private final FlakyWebhookQueue queue = new FlakyWebhookQueue();
  private final List<Job> bus = new CopyOnWriteArrayList<>();
  private final WebhookJobEvents events =
      new WebhookJobEvents(
          new WebhookDeliveries(
              jobs,
              new WebhookSecrets(new InMemoryWebhookSecretStore(), clock, new SecureRandom()),
              queue,
              (url, headers, body) -> WebhookSender.Response.answered(200),
              new WebhookRetries(Duration.ofSeconds(5), Duration.ofDays(1)),
              job -> "{}",
              clock),
          bus::add);

  private Job completed(String callbackUrl) {
    Job queued = JobFixtures.aQueuedJob(T0).callbackUrl(callbackUrl).build();
    return queued.start(T0).complete(null, null, T0);
  }

  @Test
  void a_refused_first_try_is_passed_on_to_the_bus_then_reported() {
    Job job = completed("https://hooks.example.com/a");
    queue.failNext(1);

    assertThatThrownBy(() -> events.statusChanged(job))
        .isInstanceOf(EventsUnavailableException.class)
        .satisfies(e -> assertThat(((EventsUnavailableException) e).jobId()).isEqualTo(job.jobId()))
        .hasMessageNotContaining("hooks.example.com");
    assertThat(bus).containsExactly(job);
    assertThat(queue.scheduled()).isEmpty();

    events.statusChanged(job);
    assertThat(bus).containsExactly(job, job);
    assertThat(queue.scheduled()).hasSize(1);
  }

  @Test
  void changes_that_schedule_no_webhook_never_fail() {
    queue.failNext(3);
    Job queued = JobFixtures.aQueuedJob(T0).callbackUrl("https://hooks.example.com/a").build();
    events.statusChanged(queued);
    events.statusChanged(completed(null));
    assertThat(bus).hasSize(2);
    assertThat(queue.refused()).isZero();
  }
}
