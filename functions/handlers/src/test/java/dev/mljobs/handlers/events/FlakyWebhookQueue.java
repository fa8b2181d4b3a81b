package dev.mljobs.handlers.events;

import dev.mljobs.core.webhook.WebhookQueue;
import dev.mljobs.core.webhook.WebhookTask;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook queue scripted to refuse its next sends, as SQS does when throttling or unreachable,
 * and recording what it took. Unit tests only: the real queue path is proven through the local
 * runtime ({@code WebhookSchedulingIT}).
 */
public final class FlakyWebhookQueue implements WebhookQueue {

  /** One accepted try. */
  public record Scheduled(WebhookTask task, Duration delay) {}

  private final List<Scheduled> scheduled = new CopyOnWriteArrayList<>();
  private final AtomicInteger failures = new AtomicInteger();
  private final AtomicInteger refused = new AtomicInteger();

  @Override
  public void schedule(WebhookTask task, Duration delay) {
    if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      refused.incrementAndGet();
      throw new IllegalStateException("Rate exceeded (throttled)");
    }
    scheduled.add(new Scheduled(task, delay));
  }

  /** The next {@code n} sends fail. */
  public void failNext(int n) {
    failures.set(n);
  }

  public List<Scheduled> scheduled() {
    return List.copyOf(scheduled);
  }

  /** How many sends were refused so far. */
  public int refused() {
    return refused.get();
  }
}
