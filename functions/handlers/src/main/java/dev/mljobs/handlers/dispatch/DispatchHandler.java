package dev.mljobs.handlers.dispatch;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mljobs.core.job.JobService;
import dev.mljobs.handlers.Services;
import dev.mljobs.handlers.Wiring;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Consumes the dispatch queue: one workflow start per message, named by the job, so redelivery
 * never runs a job twice. A message that cannot be handled now is reported as a batch item failure
 * and comes back; one that can never be handled (not a job message) is dropped with a log line
 * rather than poisoning the queue.
 */
public final class DispatchHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final JobService jobs;

  /** Wires itself from the environment, once per cold start. */
  public DispatchHandler() {
    this(new Wiring(System.getenv()));
  }

  public DispatchHandler(Wiring wiring) {
    this(new Services(wiring).jobService());
  }

  public DispatchHandler(JobService jobs) {
    this.jobs = jobs;
  }

  @Override
  public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
    List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
    for (SQSEvent.SQSMessage message : event.getRecords()) {
      UUID jobId;
      try {
        jobId = UUID.fromString(JSON.readTree(message.getBody()).path("job_id").asText());
      } catch (Exception notAJobMessage) {
        context
            .getLogger()
            .log("dropping message " + message.getMessageId() + ": not a job message");
        continue;
      }
      try {
        jobs.dispatch(jobId);
      } catch (RuntimeException e) {
        context.getLogger().log("dispatch of job " + jobId + " failed, will retry: " + e);
        failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
      }
    }
    return new SQSBatchResponse(failures);
  }
}
