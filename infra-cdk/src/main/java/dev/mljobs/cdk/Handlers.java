package dev.mljobs.cdk;

import dev.mljobs.aws.dynamodb.TableNames;
import dev.mljobs.aws.dynamodb.TableSpec;
import dev.mljobs.aws.s3.BucketNames;
import dev.mljobs.aws.s3.Buckets;
import dev.mljobs.aws.sqs.QueueNames;
import dev.mljobs.aws.sqs.Queues;
import dev.mljobs.handlers.HandlerSettings;
import dev.mljobs.handlers.api.ApiHandler;
import dev.mljobs.handlers.dispatch.DispatchHandler;
import dev.mljobs.handlers.reconcile.ReconcileHandler;
import dev.mljobs.handlers.schedule.ScheduleHandler;
import dev.mljobs.handlers.steps.StepsHandler;
import dev.mljobs.handlers.trigger.S3TriggerHandler;
import dev.mljobs.handlers.trigger.UploadTriggerHandler;
import dev.mljobs.handlers.webhooks.WebhookDeliveryHandler;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.constructs.Construct;

/**
 * The handler functions, all from the one shaded jar, each given exactly the permissions its wiring
 * uses (see {@link Permissions}).
 */
final class Handlers extends Construct {

  /** The most dispatcher and webhook invocations at once, per queue (SQS event sources). */
  static final int MAX_CONCURRENCY = 5;

  final JavaFunction api;
  final JavaFunction dispatch;
  final JavaFunction steps;
  final JavaFunction reconcile;
  final JavaFunction trigger;
  final JavaFunction uploads;
  final JavaFunction schedule;
  final JavaFunction webhooks;
  final Secret callbackSecret;
  private final Data data;

  Handlers(Construct scope, String id, Data data, Path jar, EventBus bus, String stateMachineArn) {
    super(scope, id);
    this.data = data;
    Code code = Code.fromAsset(jar.toString());
    callbackSecret =
        Secret.Builder.create(this, "CallbackSecret")
            .description("signs the workers' progress callback tokens")
            .generateSecretString(
                SecretStringGenerator.builder().passwordLength(48).excludePunctuation(true).build())
            .build();
    Map<String, String> env = environment(bus);
    env.put(HandlerSettings.JOB_STATE_MACHINE_ARN, stateMachineArn);
    steps = fn("Steps", code, StepsHandler.class, 60, 1024, env);
    steps.function.addEnvironment(
        HandlerSettings.CALLBACK_SECRET, callbackSecret.getSecretValue().unsafeUnwrap());
    api = fn("Api", code, ApiHandler.class, 29, 1024, env);
    dispatch = fn("Dispatch", code, DispatchHandler.class, 30, 1024, env);
    reconcile = fn("Reconcile", code, ReconcileHandler.class, 300, 1024, env);
    trigger = fn("Trigger", code, S3TriggerHandler.class, 60, 1024, env);
    uploads = fn("Uploads", code, UploadTriggerHandler.class, 60, 1024, env);
    schedule = fn("Schedule", code, ScheduleHandler.class, 60, 1024, env);
    webhooks = fn("Webhooks", code, WebhookDeliveryHandler.class, 120, 1024, env);

    Table jobs = table(dev.mljobs.aws.dynamodb.Tables.JOBS);
    Table runs = table(dev.mljobs.aws.dynamodb.Tables.JOB_RUNS);
    Table idempotency = table(dev.mljobs.aws.dynamodb.Tables.IDEMPOTENCY_KEYS);
    Table models = table(dev.mljobs.aws.dynamodb.Tables.MODELS);
    Table secrets = table(dev.mljobs.aws.dynamodb.Tables.WEBHOOK_SECRETS);
    Table templates = table(dev.mljobs.aws.dynamodb.Tables.TEMPLATES);
    Table groups = table(dev.mljobs.aws.dynamodb.Tables.GROUPS);
    Table triggers = table(dev.mljobs.aws.dynamodb.Tables.TRIGGERS);
    Table triggerJobs = table(dev.mljobs.aws.dynamodb.Tables.TRIGGER_JOBS);
    Table schedules = table(dev.mljobs.aws.dynamodb.Tables.SCHEDULES);
    Table firings = table(dev.mljobs.aws.dynamodb.Tables.SCHEDULE_FIRINGS);
    Bucket bucket = data.buckets.get(Buckets.DATA);
    PolicyStatement events =
        PolicyStatement.Builder.create()
            .actions(List.of("events:PutEvents"))
            .resources(List.of(bus.getEventBusArn()))
            .build();
    PolicyStatement sendJobsAndWebhooks =
        Permissions.send(data.queues.get(Queues.JOBS), data.queues.get(Queues.WEBHOOKS));

    // the job service (api, dispatch, reconcile, both triggers, schedule): jobs, runs, idempotency
    // keys, the
    // dispatch and webhook queues, the bus; workflow calls are granted with the state machine
    // (a member's status change reaches its group: the groups table too)
    for (JavaFunction f : List.of(api, dispatch, reconcile, trigger, uploads, schedule)) {
      f.allow(Permissions.readWrite(jobs, idempotency, runs, groups));
      f.allow(sendJobsAndWebhooks);
      f.allow(events);
    }
    // triggers (deleting one deletes its job records), schedules and their firings (run now,
    // backfill); the Scheduler calls are granted with the scheduler role (MljobsStack)
    api.allow(
        Permissions.readWrite(
            models, secrets, templates, triggers, triggerJobs, schedules, firings));
    api.allow(Permissions.list(bucket));
    api.allow(
        Permissions.objects(
            bucket, List.of("s3:GetObject"), Buckets.RESULTS, Buckets.MODELS, Buckets.UPLOADS));
    // presigned uploads are signed by the function's role: it must be allowed the PUT itself
    api.allow(Permissions.objects(bucket, List.of("s3:PutObject"), Buckets.UPLOADS));

    steps.allow(Permissions.readWrite(jobs, idempotency, runs, groups));
    steps.allow(Permissions.read(models));
    steps.allow(sendJobsAndWebhooks);
    steps.allow(events);
    steps.allow(Permissions.list(bucket));
    steps.allow(
        Permissions.objects(
            bucket,
            List.of("s3:GetObject"),
            Buckets.INPUTS,
            Buckets.UPLOADS,
            Buckets.MODELS,
            Buckets.RESULTS));
    steps.allow(Permissions.objects(bucket, List.of("s3:PutObject"), Buckets.RESULTS));

    trigger.allow(Permissions.read(models, templates));
    trigger.allow(Permissions.objects(bucket, List.of("s3:GetObject"), Buckets.INPUTS));

    // an upload makes each watching trigger's job once: its record and the trigger's count, in
    // one transaction; the template's checks read the models; text triggers read the upload
    uploads.allow(Permissions.read(models, templates));
    uploads.allow(Permissions.readWrite(triggers, triggerJobs));
    uploads.allow(Permissions.objects(bucket, List.of("s3:GetObject"), Buckets.UPLOADS));

    // a firing reads its schedule and records the fire time on it, and in the ledger
    schedule.allow(Permissions.read(models, templates));
    schedule.allow(Permissions.readWrite(schedules, firings));

    webhooks.allow(Permissions.readWrite(jobs));
    webhooks.allow(Permissions.read(secrets));
    webhooks.allow(Permissions.send(data.queues.get(Queues.WEBHOOKS)));

    dispatch.alias.addEventSource(
        SqsEventSource.Builder.create(data.queues.get(Queues.JOBS))
            .batchSize(10)
            .reportBatchItemFailures(true)
            .maxConcurrency(MAX_CONCURRENCY)
            .build());
    webhooks.alias.addEventSource(
        SqsEventSource.Builder.create(data.queues.get(Queues.WEBHOOKS))
            .batchSize(10)
            .reportBatchItemFailures(true)
            .maxConcurrency(MAX_CONCURRENCY)
            .build());
  }

  /** Every function that builds the job service, which needs the state machine. */
  List<JavaFunction> jobServiceFunctions() {
    return List.of(api, dispatch, steps, reconcile, trigger, uploads, schedule);
  }

  List<JavaFunction> all() {
    return List.of(api, dispatch, steps, reconcile, trigger, uploads, schedule, webhooks);
  }

  private Table table(TableSpec spec) {
    return data.tables.get(spec);
  }

  private JavaFunction fn(
      String id, Code code, Class<?> handler, int seconds, int memory, Map<String, String> env) {
    Map<String, String> own = new HashMap<>(env);
    own.put("POWERTOOLS_SERVICE_NAME", "mljobs-" + id.toLowerCase(java.util.Locale.ROOT));
    return new JavaFunction(this, id, code, handler, Duration.seconds(seconds), memory, own);
  }

  /** What every handler reads: the physical names, the bus, Powertools' settings. */
  private Map<String, String> environment(EventBus bus) {
    Map<String, String> env = new HashMap<>();
    data.tables.forEach((spec, table) -> env.put(TableNames.variable(spec), table.getTableName()));
    env.put(QueueNames.urlVariable(Queues.JOBS), data.queues.get(Queues.JOBS).getQueueUrl());
    env.put(
        QueueNames.urlVariable(Queues.WEBHOOKS), data.queues.get(Queues.WEBHOOKS).getQueueUrl());
    env.put(BucketNames.DATA_VARIABLE, data.buckets.get(Buckets.DATA).getBucketName());
    env.put(HandlerSettings.EVENT_BUS_NAME, bus.getEventBusName());
    env.put("POWERTOOLS_METRICS_NAMESPACE", "mljobs");
    env.put("POWERTOOLS_LOG_LEVEL", "INFO");
    // the JVM's quick start: C1 only, as AWS advises for Java functions
    env.put("JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1");
    return env;
  }
}
