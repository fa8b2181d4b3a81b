package dev.mljobs.local.runtime;

import dev.mljobs.aws.sqs.Queues;
import dev.mljobs.handlers.Wiring;
import dev.mljobs.handlers.api.ApiHandler;
import dev.mljobs.handlers.dispatch.DispatchHandler;
import dev.mljobs.handlers.trigger.S3TriggerHandler;
import dev.mljobs.handlers.trigger.UploadTriggerHandler;
import dev.mljobs.handlers.webhooks.WebhookDeliveryHandler;
import dev.mljobs.local.aws.LocalAws;
import dev.mljobs.local.aws.LocalAwsConfig;
import dev.mljobs.local.events.S3Notifications;
import dev.mljobs.local.events.SqsEventSource;
import dev.mljobs.local.gateway.BearerKeyAuthorizer;
import dev.mljobs.local.gateway.HttpApiGateway;
import dev.mljobs.local.lambda.HandlerInvoker;
import dev.mljobs.local.lambda.LocalContext;
import dev.mljobs.local.scheduler.LocalScheduler;
import dev.mljobs.local.sfn.LocalStepFunctions;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The whole deployment on one machine, in one JVM: DynamoDB Local, ElasticMQ and s3proxy, the Step
 * Functions and EventBridge Scheduler emulators, the API Gateway emulation and the SQS event
 * source, all wired to the very handlers that run in AWS through environment variables that differ
 * only in their endpoints.
 */
public final class LocalRuntime implements AutoCloseable {

  /** Routes that reach the API without the user's key, as routes without an authorizer in AWS. */
  private static final Pattern OPEN_ROUTES = Pattern.compile("/health|/v1/jobs/[^/]+/progress");

  private final Deque<AutoCloseable> parts = new ArrayDeque<>();
  private final Options options;
  private final Duration startup;
  private LocalAws aws;
  private LocalStepFunctions stepFunctions;
  private LocalScheduler scheduler;
  private HttpApiGateway gateway;
  private SqsEventSource dispatcher;
  private Wiring wiring;
  private S3Notifications uploads;

  /** Every handler the runtime serves, by the name {@code scripts/invoke} takes. */
  private final Map<String, Object> handlers = new LinkedHashMap<>();

  private Map<String, String> handlerEnvironment;

  private LocalRuntime(Options options) throws IOException {
    long start = System.nanoTime();
    this.options = options;
    try {
      boot();
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
    this.startup = Duration.ofNanos(System.nanoTime() - start);
  }

  /**
   * Starts everything and returns once the API answers.
   *
   * @throws IOException when a port cannot be bound or the data directory cannot be used
   */
  public static LocalRuntime start(Options options) throws IOException {
    return new LocalRuntime(options);
  }

  private void boot() throws IOException {
    Path dataDir = options.dataDir() == null ? null : options.dataDir().toAbsolutePath();
    if (dataDir != null) {
      Files.createDirectories(dataDir);
    }
    aws =
        keep(
            LocalAws.start(
                dataDir == null
                    ? LocalAwsConfig.inMemory()
                    : LocalAwsConfig.persistentIn(dataDir)));
    int apiPort = options.port() == 0 ? Ports.free() : options.port();
    Functions functions = new Functions(dataDir);
    AsyncLambdaTargets lambdaEvents = keep(new AsyncLambdaTargets(functions));
    scheduler = keep(Schedules.start(aws, lambdaEvents, dataDir));
    URI stepFunctionsUrl = URI.create("http://127.0.0.1:" + Ports.free());
    RuntimeEnvironment env =
        new RuntimeEnvironment(
            aws,
            stepFunctionsUrl,
            URI.create("http://127.0.0.1:" + apiPort),
            Secrets.callbackSecret(dataDir));
    handlerEnvironment = env.forHandlers(StateMachines.arn(), scheduler.endpoint(), options);
    wiring = new Wiring(handlerEnvironment);
    // Functions first: a restarted Step Functions re-runs its interrupted executions at once.
    functions.register(wiring, env.forBatchWorker());
    var router = functions.taskRouter(aws.dynamoDb(), env.forBatchWorker());
    int sfnPort = stepFunctionsUrl.getPort();
    stepFunctions =
        keep(
            dataDir == null
                ? new LocalStepFunctions(sfnPort, router)
                : new LocalStepFunctions(sfnPort, router, dataDir));
    StateMachines.deploy(env, functions);
    Schedules.ensureReconciler(wiring);
    Schedules.catchUp(wiring);
    ApiHandler api = new ApiHandler(wiring);
    DispatchHandler dispatch = new DispatchHandler(wiring);
    WebhookDeliveryHandler webhooks = new WebhookDeliveryHandler(wiring);
    S3TriggerHandler trigger = new S3TriggerHandler(wiring);
    UploadTriggerHandler uploadTrigger = new UploadTriggerHandler(wiring);
    handlers.put("api", api);
    handlers.put("dispatch", dispatch);
    handlers.put("webhooks", webhooks);
    handlers.put("trigger", trigger);
    handlers.put("uploads", uploadTrigger);
    handlers.putAll(functions.handlers());
    uploads = keep(Uploads.notifications(trigger, uploadTrigger));
    aws.addS3Listener(uploads);
    dispatcher =
        keep(
            new SqsEventSource(
                aws.sqs(),
                new SqsEventSource.Config(
                    "mljobs-dispatch",
                    aws.queueUrl(Queues.JOBS),
                    env.queueArn(Queues.JOBS),
                    10,
                    5, // pollers: AWS starts an SQS event source with five
                    true,
                    Duration.ofSeconds(30)),
                dispatch));
    keep(
        new SqsEventSource(
            aws.sqs(),
            new SqsEventSource.Config(
                "mljobs-webhooks",
                aws.queueUrl(Queues.WEBHOOKS),
                env.queueArn(Queues.WEBHOOKS),
                10,
                2, // the handler makes a batch's tries at once; two batches at a time
                true,
                Duration.ofSeconds(150)),
            webhooks));
    gateway =
        keep(
            new HttpApiGateway(
                apiPort,
                "mljobs-api",
                api,
                new BearerKeyAuthorizer(
                    options.ownersByKey(),
                    e -> OPEN_ROUTES.matcher(e.getRequestContext().getHttp().getPath()).matches()),
                HttpApiGateway.Limits.AWS));
  }

  private <T extends AutoCloseable> T keep(T part) {
    parts.push(part);
    return part;
  }

  /**
   * Stops the dispatcher: from now on submitted jobs stay queued and nothing runs. For benchmarks
   * of the API alone, and tests that need a job to stay queued.
   */
  public void stopDispatcher() {
    dispatcher.close();
  }

  /** The names of the handlers {@link #invoke} takes: {@code api}, {@code dispatch}, .... */
  public Set<String> handlerNames() {
    return Collections.unmodifiableSet(handlers.keySet());
  }

  /**
   * Invokes one of the runtime's handlers directly with a JSON event, as Lambda would (the
   * runtime's own event serialisers), bypassing the event source that normally calls it.
   *
   * @return the handler's answer as JSON
   * @throws IllegalArgumentException naming the handlers there are, when {@code handler} is none
   * @throws Exception whatever the handler throws
   */
  public byte[] invoke(String handler, byte[] event) throws Exception {
    Object target = handlers.get(handler);
    if (target == null) {
      throw new IllegalArgumentException(
          "no handler '" + handler + "'; one of " + String.join(", ", handlers.keySet()));
    }
    return HandlerInvoker.invoke(
        target, event, new LocalContext("mljobs-" + handler, 900_000, 1024));
  }

  public URI apiUrl() {
    return URI.create("http://127.0.0.1:" + gateway.port());
  }

  public String apiKey() {
    return options.apiKey();
  }

  public Options options() {
    return options;
  }

  public LocalAws aws() {
    return aws;
  }

  /** What the handlers are wired with, for tests that invoke a handler as Lambda would. */
  Wiring wiring() {
    return wiring;
  }

  /** S3 notifications queued, running or waiting for a retry: 0 once all were handled. */
  public int pendingNotifications() {
    return uploads.pending();
  }

  public URI stepFunctionsEndpoint() {
    return stepFunctions.endpoint();
  }

  public URI schedulerEndpoint() {
    return scheduler.endpoint();
  }

  /**
   * The environment the handlers run with (endpoints, table and queue names), for tests and
   * benchmarks that call a handler directly, as a second invocation of the same function would.
   */
  public Map<String, String> handlerEnvironment() {
    return Map.copyOf(handlerEnvironment);
  }

  /** From the call to {@link #start} until everything answered. */
  public Duration startupTime() {
    return startup;
  }

  /** Stops everything, newest first; safe to call more than once. */
  @Override
  public void close() {
    while (!parts.isEmpty()) {
      try {
        parts.pop().close();
      } catch (Exception e) {
        System.err.println("while stopping: " + e);
      }
    }
  }
}
