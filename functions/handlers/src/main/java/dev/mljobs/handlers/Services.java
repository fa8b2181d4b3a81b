package dev.mljobs.handlers;

import dev.mljobs.aws.scheduler.EventBridgeScheduleTriggers;
import dev.mljobs.aws.sfn.StepFunctionsWorkflows;
import dev.mljobs.aws.sqs.SqsJobQueue;
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
import dev.mljobs.handlers.events.EventBridgeJobEvents;
import dev.mljobs.handlers.events.LoggedJobEvents;
import dev.mljobs.handlers.events.ScheduleEventPublisher;
import dev.mljobs.handlers.events.WebhookJobEvents;
import java.util.UUID;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The use cases, assembled from {@link Wiring}. */
public final class Services {

  private final Wiring wiring;
  private JobService jobService;

  public Services(Wiring wiring) {
    this.wiring = wiring;
  }

  /** The job use cases, built once per {@code Services}. */
  public synchronized JobService jobService() {
    if (jobService != null) {
      return jobService;
    }
    SfnClient sfn =
        wiring
            .clients()
            .configure(SfnClient.builder(), "SFN")
            .httpClient(wiring.clients().httpClient())
            .build();
    jobService =
        new JobService(
            wiring.jobStore(),
            wiring.jobRunStore(),
            jobQueue(),
            new StepFunctionsWorkflows(sfn, wiring.require("JOB_STATE_MACHINE_ARN")),
            jobEvents(),
            wiring.clock(),
            UUID::randomUUID,
            limits());
    return jobService;
  }

  /** The dispatch queue (SQS). */
  public JobQueue jobQueue() {
    SqsClient sqs =
        wiring
            .clients()
            .configure(SqsClient.builder(), "SQS")
            .httpClient(wiring.clients().httpClient())
            .build();
    return new SqsJobQueue(sqs, wiring.require("JOBS_QUEUE_URL"));
  }

  /**
   * Where status changes go: the EventBridge bus named by {@code EVENT_BUS_NAME}, or one JSON line
   * each on stdout (the local bus); webhooks of terminal jobs in both cases.
   */
  public JobEvents jobEvents() {
    String bus = wiring.env().get("EVENT_BUS_NAME");
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
        new WebhookJobEvents(events), wiring.jobStore(), this::jobService);
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
        scheduler, wiring.require("SCHEDULE_FUNCTION_ARN"), wiring.require("SCHEDULER_ROLE_ARN"));
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
        Integer.parseInt(wiring.env().getOrDefault("MAX_RUNNING_JOBS", "1000")),
        Integer.parseInt(wiring.env().getOrDefault("MAX_RUNNING_JOBS_PER_OWNER", "100")));
  }
}
