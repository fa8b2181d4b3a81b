package dev.mljobs.cdk;

import dev.mljobs.aws.dynamodb.Tables;
import dev.mljobs.aws.s3.Buckets;
import dev.mljobs.aws.scheduler.EventBridgeScheduleTriggers;
import dev.mljobs.aws.sqs.Queues;
import dev.mljobs.handlers.HandlerSettings;
import dev.mljobs.handlers.events.JobEventJson;
import java.util.List;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.targets.CloudWatchLogGroup;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.s3.EventType;
import software.amazon.awscdk.services.s3.NotificationKeyFilter;
import software.amazon.awscdk.services.s3.notifications.LambdaDestination;
import software.amazon.awscdk.services.scheduler.CfnSchedule;
import software.amazon.awscdk.services.scheduler.CfnScheduleGroup;
import software.constructs.Construct;

/** Everything mljobs runs on in one account and region. */
public final class MljobsStack extends Stack {

  /** The schedule group the API creates users' schedules in (and the reconciler's lives in). */
  public static final String SCHEDULE_GROUP = EventBridgeScheduleTriggers.GROUP;

  /** The API's settings of the schedules it creates (named as in Services#scheduleTriggers). */
  static final String SCHEDULE_FUNCTION_ARN = HandlerSettings.SCHEDULE_FUNCTION_ARN;

  static final String SCHEDULER_ROLE_ARN = HandlerSettings.SCHEDULER_ROLE_ARN;

  final Data data;
  final Handlers handlers;
  final Compute compute;
  final Workflow workflow;
  final Api api;
  final Operations operations;
  final EventBus bus;
  final Role schedulerRole;

  public MljobsStack(Construct scope, String id, StackProps props, StackConfig config) {
    super(scope, id, props);
    data = new Data(this, "Data", config.consoleOrigin());
    bus = EventBus.Builder.create(this, "Jobs").description("mljobs job status events").build();
    LogGroup jobEvents =
        LogGroup.Builder.create(this, "JobEventsLog")
            .retention(JavaFunction.LOG_RETENTION)
            .removalPolicy(RemovalPolicy.DESTROY)
            .build();
    Rule.Builder.create(this, "JobStatusEvents")
        .eventBus(bus)
        .description("every job status change, kept in a log group")
        .eventPattern(
            EventPattern.builder()
                .source(List.of(JobEventJson.SOURCE))
                .detailType(List.of(JobEventJson.DETAIL_TYPE))
                .build())
        .targets(List.of(new CloudWatchLogGroup(jobEvents)))
        .build();

    handlers = new Handlers(this, "Handlers", data, config.lambdaJar(), bus, Workflow.arn(this));
    compute = new Compute(this, "Compute", config.root(), data.buckets.get(Buckets.DATA));
    workflow = new Workflow(this, "Workflow", config.root(), handlers, compute);
    api = new Api(this, "Api", handlers.api, config);
    handlers.steps.function.addEnvironment(HandlerSettings.CALLBACK_BASE_URL, api.url());

    // objects created under inputs/ start jobs (S3 event notifications, the event the trigger
    // handler reads)
    data.buckets
        .get(Buckets.DATA)
        .addEventNotification(
            EventType.OBJECT_CREATED,
            new LambdaDestination(handlers.trigger.alias),
            NotificationKeyFilter.builder().prefix(Buckets.INPUTS).build());
    // objects created in the owners' upload areas make the jobs of the triggers watching them
    data.buckets
        .get(Buckets.DATA)
        .addEventNotification(
            EventType.OBJECT_CREATED,
            new LambdaDestination(handlers.uploads.alias),
            NotificationKeyFilter.builder().prefix(Buckets.UPLOADS).build());

    CfnScheduleGroup group =
        CfnScheduleGroup.Builder.create(this, "ScheduleGroup").name(SCHEDULE_GROUP).build();
    schedulerRole =
        Role.Builder.create(this, "SchedulerRole")
            .assumedBy(new ServicePrincipal("scheduler.amazonaws.com"))
            .description("assumed by EventBridge Scheduler to start scheduled jobs")
            .build();
    schedulerRole.addToPolicy(Permissions.send(data.queues.get(Queues.JOBS)));
    schedulerRole.addToPolicy(
        PolicyStatement.Builder.create()
            .actions(List.of("lambda:InvokeFunction"))
            .resources(
                List.of(
                    handlers.reconcile.alias.getFunctionArn(),
                    handlers.schedule.alias.getFunctionArn()))
            .build());
    schedules(handlers.api);
    CfnSchedule reconcile =
        CfnSchedule.Builder.create(this, "ReconcileEveryMinute")
            .groupName(SCHEDULE_GROUP)
            .scheduleExpression("rate(1 minute)")
            .flexibleTimeWindow(
                CfnSchedule.FlexibleTimeWindowProperty.builder().mode("OFF").build())
            .target(
                CfnSchedule.TargetProperty.builder()
                    .arn(handlers.reconcile.alias.getFunctionArn())
                    .roleArn(schedulerRole.getRoleArn())
                    .input("{}")
                    .build())
            .build();
    reconcile.getNode().addDependency(group);

    operations =
        new Operations(
            this, "Operations", data, handlers, compute, workflow, api, config.alarmEmail());

    output("ApiUrl", api.url(), "the API's base URL");
    output(
        "ConsoleUrl",
        "https://"
            + getRegion()
            + ".console.aws.amazon.com/cloudwatch/home?region="
            + getRegion()
            + "#dashboards/dashboard/mljobs",
        "the operations dashboard");
    output(
        "DataBucket", data.buckets.get(Buckets.DATA).getBucketName(), "uploads, inputs, results");
    data.tables.forEach(
        (spec, table) ->
            output(Data.id(spec.name()) + "Table", table.getTableName(), spec.name() + " table"));
    output("StateMachineArn", workflow.stateMachine.getStateMachineArn(), "the job lifecycle");
    if (api.userPool != null) {
      output("UserPoolId", api.userPool.getUserPoolId(), "the users (owners)");
      output("UserPoolClientId", api.userPoolClient.getUserPoolClientId(), "the console client");
    }
    output("AlarmTopicArn", operations.alarms.getTopicArn(), "where alarms go");
    Suppressions.apply(this);
    assert Tables.ALL.size() == data.tables.size();
  }

  /**
   * What the API needs to mirror users' schedules in EventBridge Scheduler: their target (the
   * schedule function's alias), the role the Scheduler assumes, the calls of {@link
   * EventBridgeScheduleTriggers} on the group's schedules, and passing that role only. No
   * CreateScheduleGroup: the group is this stack's.
   */
  private void schedules(JavaFunction api) {
    api.function.addEnvironment(SCHEDULE_FUNCTION_ARN, handlers.schedule.alias.getFunctionArn());
    api.function.addEnvironment(SCHEDULER_ROLE_ARN, schedulerRole.getRoleArn());
    api.allow(
        PolicyStatement.Builder.create()
            .actions(
                List.of(
                    "scheduler:CreateSchedule",
                    "scheduler:UpdateSchedule",
                    "scheduler:DeleteSchedule",
                    "scheduler:GetSchedule"))
            .resources(
                List.of(
                    formatArn(
                        software.amazon.awscdk.ArnComponents.builder()
                            .service("scheduler")
                            .resource("schedule")
                            .resourceName(SCHEDULE_GROUP + "/*")
                            .build())))
            .build());
    api.allow(
        PolicyStatement.Builder.create()
            .actions(List.of("iam:PassRole"))
            .resources(List.of(schedulerRole.getRoleArn()))
            .conditions(
                java.util.Map.of(
                    "StringEquals",
                    java.util.Map.of("iam:PassedToService", "scheduler.amazonaws.com")))
            .build());
  }

  private void output(String id, String value, String description) {
    CfnOutput.Builder.create(this, id).value(value).description(description).build();
  }
}
