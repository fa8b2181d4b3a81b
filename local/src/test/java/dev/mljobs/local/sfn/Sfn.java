package dev.mljobs.local.sfn;

import dev.mljobs.testkit.Waits;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/** Fixtures for tests of the local service through the real SDK client. */
final class Sfn {
  static final String ROLE = "arn:aws:iam::123456789012:role/local-states";

  /** Pass, then a Task doubling {@code n}, then a Choice on the result, then Succeed (or Fail). */
  static final String SAMPLE =
      """
      {"StartAt": "Prepare", "States": {
        "Prepare": {"Type": "Pass", "Result": {"n": 21}, "ResultPath": "$.prepared", "Next": "Double"},
        "Double": {"Type": "Task", "Resource": "%s",
                   "InputPath": "$.prepared", "ResultPath": "$.doubled", "Next": "Big enough?"},
        "Big enough?": {"Type": "Choice", "Default": "Too small",
                        "Choices": [{"Variable": "$.doubled.n", "NumericGreaterThan": 40, "Next": "Done"}]},
        "Too small": {"Type": "Fail", "Error": "TooSmall"},
        "Done": {"Type": "Succeed"}}}
      """
          .formatted(function("double"));

  private Sfn() {}

  static String function(String name) {
    return "arn:aws:lambda:us-east-1:123456789012:function:" + name;
  }

  /** A machine of one Task state calling {@code function}. */
  static String oneTask(String function) {
    return """
        {"StartAt": "Work", "States": {"Work": {"Type": "Task", "Resource": "%s", "End": true}}}
        """
        .formatted(function(function));
  }

  static SfnClient client(LocalStepFunctions service) {
    return SfnClient.builder()
        .endpointOverride(service.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  static String createMachine(SfnClient client, String name, String definition) {
    return client
        .createStateMachine(r -> r.name(name).definition(definition).roleArn(ROLE))
        .stateMachineArn();
  }

  /** Waits until the execution has ended and describes it. */
  static DescribeExecutionResponse awaitEnd(SfnClient client, String executionArn) {
    DescribeExecutionResponse[] last = new DescribeExecutionResponse[1];
    eventually(
        () -> {
          last[0] = client.describeExecution(r -> r.executionArn(executionArn));
          return last[0].status() != ExecutionStatus.RUNNING;
        });
    return last[0];
  }

  /** Polls {@code condition} until it holds (see {@link Waits}). */
  static void eventually(BooleanSupplier condition) {
    Waits.patiently("condition").until(condition::getAsBoolean);
  }
}
