package dev.mljobs.handlers.reconcile;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.mljobs.core.job.JobService;
import dev.mljobs.handlers.Services;
import dev.mljobs.handlers.Wiring;
import dev.mljobs.handlers.observe.Invocations;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Runs every minute (an EventBridge schedule): sends queued jobs that should have a dispatch
 * message but may not (queued over a minute ago and not parked) to the dispatcher again, so a job
 * whose message was never sent or got lost still runs; and the first parked job of each owner, in
 * case a job's end was missed.
 */
public final class ReconcileHandler implements RequestStreamHandler {

  static final Duration STALE_AFTER = Duration.ofSeconds(60);
  private final JobService jobs;

  /** Wires itself from the environment, once per cold start. */
  public ReconcileHandler() {
    this(new Wiring(System.getenv()));
  }

  public ReconcileHandler(Wiring wiring) {
    this.jobs = new Services(wiring).jobService();
  }

  @Override
  public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
    Invocations.loggedStream(
        context,
        () -> {
          int sent = jobs.redispatchStale(STALE_AFTER);
          out.write(("{\"redispatched\":" + sent + "}").getBytes(StandardCharsets.UTF_8));
        });
  }
}
