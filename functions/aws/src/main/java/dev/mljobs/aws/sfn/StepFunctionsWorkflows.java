package dev.mljobs.aws.sfn;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mljobs.core.job.Job;
import dev.mljobs.core.job.TraceIds;
import dev.mljobs.core.job.Workflows;
import java.util.UUID;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * {@link Workflows} on Step Functions: one execution of the job lifecycle state machine per job,
 * named by the job id with a fixed input, so a redelivered dispatch message can never start a
 * second one (Step Functions answers the same execution, or ExecutionAlreadyExists). The input
 * carries the job's trace id, which never changes, so it stays fixed; the trace header links the
 * execution to the request's X-Ray trace.
 */
public final class StepFunctionsWorkflows implements Workflows {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final SfnClient sfn;
  private final String stateMachineArn;

  public StepFunctionsWorkflows(SfnClient sfn, String stateMachineArn) {
    this.sfn = sfn;
    this.stateMachineArn = stateMachineArn;
  }

  @Override
  public Start start(Job job) {
    try {
      ObjectNode input = JSON.createObjectNode().put("job_id", job.jobId().toString());
      if (job.traceId() != null) {
        input.put(TraceIds.FIELD, job.traceId());
      }
      sfn.startExecution(
          b ->
              b.stateMachineArn(stateMachineArn)
                  .name(job.jobId().toString())
                  .input(input.toString())
                  .traceHeader(traceHeader(job.traceId())));
      return Start.STARTED;
    } catch (ExecutionAlreadyExistsException exists) {
      ExecutionStatus status =
          sfn.describeExecution(b -> b.executionArn(executionArn(job.jobId()))).status();
      return status == ExecutionStatus.RUNNING ? Start.ALREADY_RUNNING : Start.ALREADY_FINISHED;
    }
  }

  @Override
  public void stop(UUID jobId, String cause) {
    try {
      sfn.stopExecution(
          b -> b.executionArn(executionArn(jobId)).error("Job.Cancelled").cause(cause));
    } catch (ExecutionDoesNotExistException notStarted) {
      // a job cancelled before dispatch has no workflow to stop
    }
  }

  /**
   * The trace id as Step Functions takes it (ASCII, at most 256 characters), or none: a header a
   * client made up must not keep the job from starting.
   */
  static String traceHeader(String traceId) {
    return traceId != null && traceId.length() <= 256 && traceId.chars().allMatch(c -> c < 128)
        ? traceId
        : null;
  }

  /** {@code arn:...:stateMachine:NAME} → {@code arn:...:execution:NAME:JOB_ID}. */
  String executionArn(UUID jobId) {
    return stateMachineArn.replaceFirst(":stateMachine:", ":execution:") + ":" + jobId;
  }
}
