package dev.mljobs.local.sfn;

import static dev.mljobs.testkit.JobFixtures.aQueuedJob;
import static dev.mljobs.testkit.Waits.patiently;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mljobs.aws.sfn.StepFunctionsWorkflows;
import dev.mljobs.core.job.Job;
import dev.mljobs.core.job.Workflows;
import dev.mljobs.testkit.WorkflowsContract;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * The workflows contract on the local Step Functions server through the real SFN client, each test
 * on a fresh state machine whose executions wait until stopped.
 */
class StepFunctionsWorkflowsIT extends WorkflowsContract {

  private static final String WAITS_AN_HOUR =
      """
      {"StartAt": "Work", "States": {"Work": {"Type": "Wait", "Seconds": 3600, "End": true}}}
      """;

  private static LocalStepFunctions service;
  private static SfnClient client;
  private String machineArn;
  private StepFunctionsWorkflows adapter;

  @BeforeAll
  static void start() throws IOException {
    service = new LocalStepFunctions(0, new TestTasks());
    client = Sfn.client(service);
  }

  @AfterAll
  static void stop() {
    client.close();
    service.close();
  }

  @Override
  protected Workflows newWorkflows() {
    machineArn =
        Sfn.createMachine(
            client, "contract-" + UUID.randomUUID().toString().substring(0, 8), WAITS_AN_HOUR);
    adapter = new StepFunctionsWorkflows(client, machineArn);
    return adapter;
  }

  @Override
  protected Workflows unreachableWorkflows() {
    int closed;
    try (ServerSocket free = new ServerSocket(0)) {
      closed = free.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    SfnClient nowhere =
        SfnClient.builder()
            .endpointOverride(URI.create("http://127.0.0.1:" + closed))
            .region(Region.US_EAST_1)
            .credentialsProvider(AnonymousCredentialsProvider.create())
            .httpClient(UrlConnectionHttpClient.create())
            .build();
    return new StepFunctionsWorkflows(nowhere, machineArn);
  }

  private DescribeExecutionResponse describe(UUID jobId) {
    return client.describeExecution(
        b -> b.executionArn(machineArn.replace(":stateMachine:", ":execution:") + ":" + jobId));
  }

  @Override
  protected boolean running(UUID jobId) {
    try {
      return describe(jobId).status() == ExecutionStatus.RUNNING;
    } catch (ExecutionDoesNotExistException never) {
      return false;
    }
  }

  @Override
  protected int workflowsOf(UUID jobId) {
    return (int)
        client.listExecutions(b -> b.stateMachineArn(machineArn)).executions().stream()
            .filter(e -> e.name().equals(jobId.toString()))
            .count();
  }

  @Test
  void a_stopped_execution_is_aborted_with_the_cancel_reason() {
    // given
    Job job = aQueuedJob(T0).build();
    workflows.start(job);
    // when
    workflows.stop(job.jobId(), "cancelled by alice");
    // then
    patiently("the execution is aborted")
        .until(() -> describe(job.jobId()).status() == ExecutionStatus.ABORTED);
    assertThat(describe(job.jobId()).error()).isEqualTo("Job.Cancelled");
    assertThat(describe(job.jobId()).cause()).isEqualTo("cancelled by alice");
    assertThat(describe(job.jobId()).input()).isEqualTo("{\"job_id\":\"" + job.jobId() + "\"}");
  }
}
