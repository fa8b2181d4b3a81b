package dev.mljobs.handlers;

import dev.mljobs.aws.s3.Buckets;
import dev.mljobs.aws.scheduler.EventBridgeScheduleTriggers;
import dev.mljobs.aws.sfn.StepFunctionsWorkflows;
import dev.mljobs.aws.sqs.QueueNames;
import dev.mljobs.aws.sqs.Queues;
import dev.mljobs.aws.sqs.SqsJobQueue;
import dev.mljobs.aws.sqs.SqsWebhookQueue;
import dev.mljobs.core.group.GroupEvents;
import dev.mljobs.core.group.GroupService;
import dev.mljobs.core.group.GroupTracking;
import dev.mljobs.core.job.DispatchLimits;
import dev.mljobs.core.job.JobEvents;
import dev.mljobs.core.job.JobQueue;
import dev.mljobs.core.job.JobService;
import dev.mljobs.core.model.ModelCatalog;
import dev.mljobs.core.schedule.BufferedFiringRelease;
import dev.mljobs.core.schedule.ScheduleCatchUp;
import dev.mljobs.core.schedule.ScheduleEvents;
import dev.mljobs.core.schedule.ScheduleFirings;
import dev.mljobs.core.schedule.ScheduleService;
import dev.mljobs.core.schedule.ScheduleTriggers;
import dev.mljobs.core.template.JobChecks;
import dev.mljobs.core.template.TemplateService;
import dev.mljobs.core.trigger.TriggerService;
import dev.mljobs.core.trigger.UploadTriggers;
import dev.mljobs.core.webhook.WebhookDeliveries;
import dev.mljobs.core.webhook.WebhookRetries;
import dev.mljobs.core.webhook.WebhookSecrets;
import dev.mljobs.handlers.events.EventBridgeGroupEvents;
import dev.mljobs.handlers.events.EventBridgeJobEvents;
import dev.mljobs.handlers.events.JobEventJson;
import dev.mljobs.handlers.events.LoggedGroupEvents;
import dev.mljobs.handlers.events.LoggedJobEvents;
import dev.mljobs.handlers.events.ScheduleEventPublisher;
import dev.mljobs.handlers.events.WebhookJobEvents;
import dev.mljobs.handlers.observe.JobMetrics;
import java.security.SecureRandom;
import java.util.UUID;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The use cases, assembled from {@link Wiring}. */
public final class Services {

  private final Wiring wiring;

  public Services(Wiring wiring) {
    this.wiring = wiring;
  }

  /**
   * The job use cases; a group member's status changes reach its group ({@link #trackedJobEvents}).
   */
  public JobService jobService() {
    return jobsAndGroups().jobs();
  }

  /** The group use cases, cancelling members through {@link #jobService}. */
  public GroupService groupService() {
    return jobsAndGroups().groups();
  }

  /**
   * What the job lifecycle publishes to: {@link #jobEvents}, then the member's group, which takes
   * the change once.
   */
  public JobEvents trackedJobEvents() {
    return jobsAndGroups().tracking();
  }

  /** Job and group use cases, built together: each needs the other. */
  private record JobsAndGroups(JobService jobs, GroupService groups, GroupTracking tracking) {}

  private JobsAndGroups assembled;

  private synchronized JobsAndGroups jobsAndGroups() {
    if (assembled == null) {
      JobEvents published = jobEvents();
      GroupTracking tracking = new GroupTracking(published);
      JobService jobs = jobService(tracking);
      GroupService groups =
          new GroupService(
              wiring.groupStore(),
              wiring.jobStore(),
              jobs,
              jobQueue(),
              published,
              groupEvents(),
              wiring.clock(),
              UUID::randomUUID);
      tracking.follow(groups);
      assembled = new JobsAndGroups(jobs, groups, tracking);
    }
    return assembled;
  }

  /** Where group status changes go: the same bus as the job events, or JSON lines on stdout. */
  public GroupEvents groupEvents() {
    String bus = wiring.env().get(HandlerSettings.EVENT_BUS_NAME);
    return bus == null
        ? new LoggedGroupEvents(System.out, wiring.clock())
        : new EventBridgeGroupEvents(
            wiring
                .clients()
                .configure(EventBridgeClient.builder(), "EVENTBRIDGE")
                .httpClient(wiring.clients().httpClient())
                .build(),
            bus);
  }

  private JobService jobService(JobEvents events) {
    SfnClient sfn =
        wiring
            .clients()
            .configure(SfnClient.builder(), "SFN")
            .httpClient(wiring.clients().httpClient())
            .build();
    return new JobService(
        wiring.jobStore(),
        wiring.jobRunStore(),
        jobQueue(),
        new StepFunctionsWorkflows(sfn, wiring.require(HandlerSettings.JOB_STATE_MACHINE_ARN)),
        events,
        wiring.clock(),
        UUID::randomUUID,
        limits());
  }

  /** The dispatch queue (SQS). */
  public JobQueue jobQueue() {
    return new SqsJobQueue(sqs(), wiring.require(QueueNames.urlVariable(Queues.JOBS)));
  }

  /**
   * Where status changes go: the EventBridge bus named by {@code EVENT_BUS_NAME}, or one JSON line
   * each on stdout (the local bus); webhooks of terminal jobs (scheduled on {@code
   * WEBHOOKS_QUEUE_URL}) in both cases; each counted and logged first ({@link JobMetrics}).
   */
  public JobEvents jobEvents() {
    String bus = wiring.env().get(HandlerSettings.EVENT_BUS_NAME);
    JobEvents events =
        bus == null
            ? new LoggedJobEvents(System.out, wiring.clock())
            : new EventBridgeJobEvents(
                wiring
                    .clients()
                    .configure(EventBridgeClient.builder(), "EVENTBRIDGE")
                    .httpClient(wiring.clients().httpClient())
                    .build(),
                bus);
    // a job of a buffer_one schedule that ends starts the firing waiting for it
    return new BufferedFiringRelease(
        new JobMetrics(wiring.metrics(), new WebhookJobEvents(webhookDeliveries(), events)),
        wiring.jobStore(),
        this::jobService);
  }

  /**
   * Webhook tries: queued on {@code WEBHOOKS_QUEUE_URL}, sent through {@link
   * Wiring#callbackUrlPolicy()}, retried per {@link WebhookRetries#fromEnv}, signed with the
   * owners' secrets.
   */
  public WebhookDeliveries webhookDeliveries() {
    return new WebhookDeliveries(
        wiring.jobStore(),
        webhookSecrets(),
        new SqsWebhookQueue(sqs(), wiring.require(QueueNames.urlVariable(Queues.WEBHOOKS))),
        wiring.webhookSender(),
        WebhookRetries.fromEnv(wiring.env()),
        job -> JobEventJson.detail(job).toString(),
        wiring.clock());
  }

  /** Owners' webhook secrets, generated from a {@link SecureRandom}. */
  public WebhookSecrets webhookSecrets() {
    return new WebhookSecrets(wiring.webhookSecretStore(), wiring.clock(), new SecureRandom());
  }

  private SqsClient sqs() {
    return wiring
        .clients()
        .configure(SqsClient.builder(), "SQS")
        .httpClient(wiring.clients().httpClient())
        .build();
  }

  /** The built-in models and the registered ones, with the inspector registration needs. */
  public ModelCatalog modelCatalog() {
    return new ModelCatalog(wiring.modelStore(), wiring.modelInspector());
  }

  /**
   * Templates, checked as the jobs they make: with the models the jobs may name and the owner
   * spaces their URIs must lie in.
   */
  public TemplateService templateService() {
    return new TemplateService(
        wiring.templateStore(),
        new JobChecks(modelCatalog(), wiring.ownerSpaces()),
        wiring.clock(),
        () -> UUID.randomUUID().toString());
  }

  /** Triggers, watching prefixes of the owners' upload areas of the data bucket. */
  public TriggerService triggerService() {
    return new TriggerService(
        wiring.triggerStore(),
        templateService(),
        dataBucket(wiring),
        Buckets.UPLOADS,
        wiring.clock(),
        () -> UUID.randomUUID().toString());
  }

  /** What an uploaded object makes: the jobs of the triggers that watch it. */
  public UploadTriggers uploadTriggers() {
    return new UploadTriggers(
        wiring.triggerStore(),
        templateService(),
        jobService(),
        wiring.blobStore(),
        dataBucket(wiring),
        Buckets.UPLOADS,
        wiring.clock());
  }

  /** The data bucket: inputs, results, models. */
  public static String dataBucket(Wiring wiring) {
    return dev.mljobs.aws.s3.BucketNames.fromEnv(wiring.env()).data();
  }

  /** Schedules, each mirrored by an EventBridge Scheduler schedule that fires the handler. */
  public ScheduleService scheduleService() {
    return new ScheduleService(
        wiring.scheduleStore(),
        scheduleTriggers(),
        templateService(),
        wiring.clock(),
        UUID::randomUUID);
  }

  /** What a schedule does when it fires: one job per fire time, in the ledger. */
  public ScheduleFirings scheduleFirings(JobService jobs) {
    return new ScheduleFirings(
        wiring.scheduleStore(),
        wiring.firingLedger(),
        templateService(),
        jobs,
        scheduleEvents(),
        wiring.clock());
  }

  /** Fire times missed while the (local) runtime was down, by each schedule's catch-up policy. */
  public ScheduleCatchUp scheduleCatchUp(JobService jobs) {
    return new ScheduleCatchUp(
        wiring.scheduleStore(),
        wiring.firingLedger(),
        scheduleFirings(jobs),
        scheduleEvents(),
        wiring.clock());
  }

  /**
   * The Scheduler's side: schedules whose target is {@code SCHEDULE_FUNCTION_ARN}, invoked with
   * {@code SCHEDULER_ROLE_ARN}.
   */
  public ScheduleTriggers scheduleTriggers() {
    SchedulerClient scheduler =
        wiring
            .clients()
            .configure(SchedulerClient.builder(), "SCHEDULER")
            .httpClient(wiring.clients().httpClient())
            .build();
    return new EventBridgeScheduleTriggers(
        scheduler,
        wiring.require(HandlerSettings.SCHEDULE_FUNCTION_ARN),
        wiring.require(HandlerSettings.SCHEDULER_ROLE_ARN));
  }

  /** "Schedule Fired" events: on the bus named by {@code EVENT_BUS_NAME}, else JSON lines. */
  public ScheduleEvents scheduleEvents() {
    String bus = wiring.env().get("EVENT_BUS_NAME");
    return bus == null
        ? new ScheduleEventPublisher(line -> System.out.println(line), wiring.clock())
        : new ScheduleEventPublisher(
            wiring
                .clients()
                .configure(EventBridgeClient.builder(), "EVENTBRIDGE")
                .httpClient(wiring.clients().httpClient())
                .build(),
            bus);
  }

  private DispatchLimits limits() {
    return new DispatchLimits(
        Integer.parseInt(wiring.env().getOrDefault(HandlerSettings.MAX_RUNNING_JOBS, "1000")),
        Integer.parseInt(
            wiring.env().getOrDefault(HandlerSettings.MAX_RUNNING_JOBS_PER_OWNER, "100")));
  }
}
