package dev.mljobs.local.runtime;

import dev.mljobs.aws.SystemClock;
import dev.mljobs.aws.dynamodb.DynamoDbJobStore;
import dev.mljobs.aws.sqs.Queues;
import dev.mljobs.core.job.JobStore;
import dev.mljobs.local.aws.LocalAws;
import dev.mljobs.local.aws.LocalClients;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * What tests of a local runtime wait on and check, read through the real SDK clients: a job's
 * execution, the dispatch queue.
 */
final class RuntimeProbes {

  private RuntimeProbes() {}

  /**
   * @return the status of the job's execution, or null when it has none
   */
  static ExecutionStatus executionStatus(LocalRuntime runtime, String jobId) {
    try (SfnClient sfn =
        SfnClient.builder()
            .endpointOverride(runtime.stepFunctionsEndpoint())
            .region(LocalClients.REGION)
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(LocalClients.ACCESS_KEY, LocalClients.SECRET_KEY)))
            .httpClient(UrlConnectionHttpClient.create())
            .build()) {
      String arn = StateMachines.arn().replaceFirst(":stateMachine:", ":execution:") + ":" + jobId;
      return sfn.describeExecution(b -> b.executionArn(arn)).status();
    } catch (ExecutionDoesNotExistException none) {
      return null;
    }
  }

  /**
   * Whether the dispatcher has handled every message sent so far: none waiting, in flight or
   * delayed on the dispatch queue. ElasticMQ's counts are exact.
   */
  static boolean dispatchQueueDrained(LocalRuntime runtime) {
    Map<QueueAttributeName, String> counts =
        runtime
            .aws()
            .sqs()
            .getQueueAttributes(
                b ->
                    b.queueUrl(runtime.aws().queueUrl(Queues.JOBS))
                        .attributeNames(
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
            .attributes();
    return counts.size() == 3 && counts.values().stream().allMatch("0"::equals);
  }

  /** Whether the dispatcher set the queued job aside at a concurrency limit (it waits parked). */
  static boolean parked(LocalRuntime runtime, String jobId) {
    JobStore store =
        new DynamoDbJobStore(runtime.aws().dynamoDb(), LocalAws.tableNames(), new SystemClock());
    return store.queueHead(1000).stream()
        .anyMatch(q -> q.parked() && q.jobId().toString().equals(jobId));
  }
}
