package dev.mljobs.handlers;

import dev.mljobs.aws.sfn.StepFunctionsWorkflows;
import dev.mljobs.aws.sqs.QueueNames;
import dev.mljobs.aws.sqs.Queues;
import dev.mljobs.aws.sqs.SqsJobQueue;
import dev.mljobs.aws.sqs.SqsWebhookQueue;
import dev.mljobs.core.job.DispatchLimits;
import dev.mljobs.core.job.JobEvents;
import dev.mljobs.core.job.JobQueue;
import dev.mljobs.core.job.JobService;
import dev.mljobs.core.model.ModelCatalog;
import dev.mljobs.core.webhook.WebhookDeliveries;
import dev.mljobs.core.webhook.WebhookRetries;
import dev.mljobs.core.webhook.WebhookSecrets;
import dev.mljobs.handlers.events.EventBridgeJobEvents;
import dev.mljobs.handlers.events.JobEventJson;
import dev.mljobs.handlers.events.LoggedJobEvents;
import dev.mljobs.handlers.events.WebhookJobEvents;
import java.security.SecureRandom;
import java.util.UUID;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The use cases, assembled from {@link Wiring}. */
public final class Services {

  private final Wiring wiring;

  public Services(Wiring wiring) {
    this.wiring = wiring;
  }

  public JobService jobService() {
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
        jobEvents(),
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
   * WEBHOOKS_QUEUE_URL}) in both cases.
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
    return new WebhookJobEvents(webhookDeliveries(), events);
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

  /** The data bucket: inputs, results, models. */
  public static String dataBucket(Wiring wiring) {
    return dev.mljobs.aws.s3.BucketNames.fromEnv(wiring.env()).data();
  }

  private DispatchLimits limits() {
    return new DispatchLimits(
        Integer.parseInt(wiring.env().getOrDefault(HandlerSettings.MAX_RUNNING_JOBS, "1000")),
        Integer.parseInt(
            wiring.env().getOrDefault(HandlerSettings.MAX_RUNNING_JOBS_PER_OWNER, "100")));
  }
}
