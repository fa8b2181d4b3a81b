package dev.mljobs.local.runtime;

import dev.mljobs.aws.sfn.StateMachineDefinitions;
import dev.mljobs.aws.sfn.StateMachineDefinitions.Placeholder;
import dev.mljobs.local.asl.ExecutionRequest;
import dev.mljobs.local.aws.LocalClients;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.StateMachineAlreadyExistsException;

/**
 * Deploys {@code statemachines/job-lifecycle.asl.json} to the local Step Functions with the same
 * definition substitutions the CDK stack makes (one list: {@link Placeholder}), through the real
 * SDK client.
 */
final class StateMachines {

  static final String JOB_LIFECYCLE = "mljobs-job-lifecycle";
  static final String ROLE = "arn:aws:iam::000000000000:role/mljobs-states";

  private StateMachines() {}

  /** The ARN the job lifecycle machine gets: known before it is deployed, as in a CDK stack. */
  static String arn() {
    return ExecutionRequest.LOCAL_MACHINE_ARN.replaceFirst(
        ":stateMachine:.*$", ":stateMachine:" + JOB_LIFECYCLE);
  }

  /** Creates or updates the job lifecycle state machine; returns its ARN. */
  static String deploy(RuntimeEnvironment env, Functions functions) throws IOException {
    String definition =
        StateMachineDefinitions.substitute(
            read("/" + StateMachineDefinitions.JOB_LIFECYCLE), substitutions());
    try (SfnClient sfn =
        SfnClient.builder()
            .endpointOverride(env.stepFunctions())
            .region(LocalClients.REGION)
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(LocalClients.ACCESS_KEY, LocalClients.SECRET_KEY)))
            .httpClient(Apache5HttpClient.create())
            .build()) {
      try {
        return sfn.createStateMachine(
                b -> b.name(JOB_LIFECYCLE).definition(definition).roleArn(ROLE))
            .stateMachineArn();
      } catch (StateMachineAlreadyExistsException kept) {
        String arn =
            sfn.listStateMachines(b -> b.maxResults(1000)).stateMachines().stream()
                .filter(m -> m.name().equals(JOB_LIFECYCLE))
                .findFirst()
                .orElseThrow()
                .stateMachineArn();
        sfn.updateStateMachine(b -> b.stateMachineArn(arn).definition(definition));
        return arn;
      }
    }
  }

  /** The values of the placeholders locally: the local functions, job queue and definition. */
  static Map<Placeholder, String> substitutions() {
    return Map.of(
        Placeholder.StepsFunction,
        Functions.arn(Functions.STEPS),
        Placeholder.WorkerFunction,
        Functions.arn(Functions.WORKER),
        Placeholder.BatchJobQueue,
        Functions.BATCH_JOB_QUEUE,
        Placeholder.BatchJobDefinition,
        Functions.BATCH_JOB_DEFINITION);
  }

  private static String read(String resource) throws IOException {
    try (InputStream in = StateMachines.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException(resource + " is not on the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
