package dev.mljobs.cdk;

import dev.mljobs.aws.sfn.StateMachineDefinitions;
import dev.mljobs.aws.sfn.StateMachineDefinitions.Placeholder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.stepfunctions.DefinitionBody;
import software.amazon.awscdk.services.stepfunctions.LogLevel;
import software.amazon.awscdk.services.stepfunctions.LogOptions;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.constructs.Construct;

/**
 * The job lifecycle state machine from {@link StateMachineDefinitions#JOB_LIFECYCLE}, read as it is
 * (not an S3 asset) and given the values of every {@link Placeholder} as definition substitutions.
 * Its role may invoke the two functions and run, watch and terminate Batch jobs, nothing else.
 */
final class Workflow extends Construct {

  final StateMachine stateMachine;
  final Map<Placeholder, String> substitutions;

  Workflow(Construct scope, String id, Path root, Handlers handlers, Compute compute) {
    super(scope, id);
    substitutions = new EnumMap<>(Placeholder.class);
    substitutions.put(Placeholder.StepsFunction, handlers.steps.alias.getFunctionArn());
    substitutions.put(Placeholder.WorkerFunction, compute.worker.getFunctionArn());
    substitutions.put(Placeholder.BatchJobQueue, compute.jobQueue.getJobQueueArn());
    substitutions.put(Placeholder.BatchJobDefinition, compute.jobDefinition.getJobDefinitionArn());
    Map<String, String> byName = new LinkedHashMap<>();
    substitutions.forEach((p, v) -> byName.put(p.name(), v));
    LogGroup logs =
        LogGroup.Builder.create(this, "Logs")
            .logGroupName("/aws/vendedlogs/states/" + Stack.of(this).getStackName() + "-jobs")
            .retention(JavaFunction.LOG_RETENTION)
            .removalPolicy(RemovalPolicy.DESTROY)
            .build();
    stateMachine =
        StateMachine.Builder.create(this, "JobLifecycle")
            .stateMachineName(name(Stack.of(this)))
            .definitionBody(DefinitionBody.fromString(read(root)))
            .definitionSubstitutions(byName)
            .tracingEnabled(true)
            .logs(
                LogOptions.builder()
                    .destination(logs)
                    .level(LogLevel.ALL)
                    .includeExecutionData(false)
                    .build())
            .build();
    stateMachine.addToRolePolicy(
        PolicyStatement.Builder.create()
            .actions(List.of("lambda:InvokeFunction"))
            .resources(
                List.of(handlers.steps.alias.getFunctionArn(), compute.worker.getFunctionArn()))
            .build());
    stateMachine.addToRolePolicy(
        PolicyStatement.Builder.create()
            .actions(List.of("batch:SubmitJob"))
            .resources(
                List.of(
                    compute.jobQueue.getJobQueueArn(),
                    // any revision of the job definition: a new image makes a new revision
                    Stack.of(this)
                        .formatArn(
                            software.amazon.awscdk.ArnComponents.builder()
                                .service("batch")
                                .resource("job-definition")
                                .resourceName(Compute.JOB_DEFINITION + ":*")
                                .build())))
            .build());
    // Stopping an execution (a cancelled job) makes Step Functions call TerminateJob on the job
    // of a running .sync task: CancelJob would leave STARTING and RUNNING jobs running.
    stateMachine.addToRolePolicy(
        PolicyStatement.Builder.create()
            .actions(List.of("batch:TerminateJob"))
            .resources(
                List.of(
                    Stack.of(this)
                        .formatArn(
                            software.amazon.awscdk.ArnComponents.builder()
                                .service("batch")
                                .resource("job")
                                .resourceName("*")
                                .build())))
            .build());
    // DescribeJobs supports no resource-level permission: the one "*" the role has
    stateMachine.addToRolePolicy(
        PolicyStatement.Builder.create()
            .actions(List.of("batch:DescribeJobs"))
            .resources(List.of("*"))
            .build());
    // the managed rule through which .sync learns that a Batch job ended
    stateMachine.addToRolePolicy(
        PolicyStatement.Builder.create()
            .actions(List.of("events:PutTargets", "events:PutRule", "events:DescribeRule"))
            .resources(
                List.of(
                    Stack.of(this)
                        .formatArn(
                            software.amazon.awscdk.ArnComponents.builder()
                                .service("events")
                                .resource("rule")
                                .resourceName("StepFunctionsGetEventsForBatchJobsRule")
                                .build())))
            .build());
    for (JavaFunction f : handlers.jobServiceFunctions()) {
      f.allow(
          PolicyStatement.Builder.create()
              .actions(List.of("states:StartExecution"))
              .resources(List.of(arn(Stack.of(this))))
              .build());
      f.allow(
          PolicyStatement.Builder.create()
              .actions(List.of("states:DescribeExecution", "states:StopExecution"))
              .resources(List.of(executions()))
              .build());
    }
  }

  /** The machine's name: known before it exists, so the steps function can name it too. */
  static String name(Stack stack) {
    return stack.getStackName() + "-jobs";
  }

  /**
   * The machine's ARN built from its name, not a reference to it: the steps function (which the
   * machine invokes) builds the job service, which needs this ARN; a reference would be a cycle.
   */
  static String arn(Stack stack) {
    return stack.formatArn(
        software.amazon.awscdk.ArnComponents.builder()
            .service("states")
            .resource("stateMachine")
            .arnFormat(software.amazon.awscdk.ArnFormat.COLON_RESOURCE_NAME)
            .resourceName(name(stack))
            .build());
  }

  /** The ARNs of this machine's executions (named after job ids). */
  private String executions() {
    return Stack.of(this)
        .formatArn(
            software.amazon.awscdk.ArnComponents.builder()
                .service("states")
                .resource("execution")
                .arnFormat(software.amazon.awscdk.ArnFormat.COLON_RESOURCE_NAME)
                .resourceName(name(Stack.of(this)) + ":*")
                .build());
  }

  static String read(Path root) {
    try {
      return Files.readString(root.resolve(StateMachineDefinitions.JOB_LIFECYCLE));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
