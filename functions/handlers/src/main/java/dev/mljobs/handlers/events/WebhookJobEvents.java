package dev.mljobs.handlers.events;

import dev.mljobs.core.job.Job;
import dev.mljobs.core.job.JobEvents;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Calls a job's {@code callback_url} once, when it reaches a terminal state, with the event detail
 * as the body; then passes every event on. A terminal transition is written exactly once
 * (conditional writes), so the call is made once; a failing endpoint is tried three times.
 */
public final class WebhookJobEvents implements JobEvents {

  private static final int TRIES = 3;
  private final JobEvents next;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  public WebhookJobEvents(JobEvents next) {
    this.next = next;
  }

  @Override
  public void statusChanged(Job job) {
    if (job.isTerminal() && job.callbackUrl() != null) {
      call(job);
    }
    next.statusChanged(job);
  }

  private void call(Job job) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(job.callbackUrl()))
            .timeout(Duration.ofSeconds(5))
            .header("Content-Type", "application/json")
            .header("User-Agent", "mljobs-webhook")
            .header("X-Mljobs-Job-Id", job.jobId().toString())
            .POST(HttpRequest.BodyPublishers.ofString(JobEventJson.detail(job).toString()))
            .build();
    for (int attempt = 1; attempt <= TRIES; attempt++) {
      try {
        int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status < 500) {
          return;
        }
      } catch (java.io.IOException unreachable) {
        // tried again below
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      sleep(attempt * 500L);
    }
    System.err.println(
        "webhook of job "
            + job.jobId()
            + " to "
            + job.callbackUrl()
            + " failed "
            + TRIES
            + " times");
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
