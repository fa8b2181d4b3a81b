package dev.mljobs.handlers.dispatch;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mljobs.core.job.JobService;
import dev.mljobs.handlers.Services;
import dev.mljobs.handlers.Wiring;
import dev.mljobs.handlers.observe.Invocations;
import dev.mljobs.handlers.observe.JobFields;
import dev.mljobs.handlers.observe.MetricsSink;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes the dispatch queue: one workflow start per message, named by the job, so redelivery
 * never runs a job twice. A message that cannot be handled now is reported as a batch item failure
 * and comes back; one that can never be handled (not a job message) is dropped with a log line
 * rather than poisoning the queue.
 */
public final class DispatchHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Logger LOG = LoggerFactory.getLogger(DispatchHandler.class);
  private final JobService jobs;
  private final DispatchMetrics metrics;

  /** Wires itself from the environment, once per cold start. */
  public DispatchHandler() {
    this(new Wiring(System.getenv()));
  }

  public DispatchHandler(Wiring wiring) {
    this(new Services(wiring).jobService(), new DispatchMetrics(wiring.metrics(), wiring.clock()));
  }

  public DispatchHandler(JobService jobs) {
    this(jobs, new DispatchMetrics(MetricsSink.none(), Instant::now));
  }

  public DispatchHandler(JobService jobs, DispatchMetrics metrics) {
    this.jobs = jobs;
    this.metrics = metrics;
  }

  @Override
  public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
    return Invocations.logged(context, () -> handle(event));
  }

  private SQSBatchResponse handle(SQSEvent event) {
    List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
    for (SQSEvent.SQSMessage message : event.getRecords()) {
      UUID jobId;
      try {
        jobId = UUID.fromString(JSON.readTree(message.getBody()).path("job_id").asText());
      } catch (Exception notAJobMessage) {
        LOG.warn("dropping message {}: not a job message", message.getMessageId());
        continue;
      }
      boolean dispatched =
          JobFields.logged(
              DispatchMetrics.fields(jobId, message),
              () -> {
                metrics.received(jobId, message);
                try {
                  jobs.dispatch(jobId);
                  return true;
                } catch (RuntimeException e) {
                  LOG.warn("dispatch of job {} failed, will retry: {}", jobId, e.toString());
                  metrics.failed(jobId, message);
                  return false;
                }
              });
      if (!dispatched) {
        failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
      }
    }
    return new SQSBatchResponse(failures);
  }
}
