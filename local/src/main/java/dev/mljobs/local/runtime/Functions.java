package dev.mljobs.local.runtime;

import dev.mljobs.handlers.Wiring;
import dev.mljobs.handlers.reconcile.ReconcileHandler;
import dev.mljobs.handlers.schedule.ScheduleHandler;
import dev.mljobs.handlers.steps.StepsHandler;
import dev.mljobs.local.lambda.LocalFunction;
import dev.mljobs.local.lambda.LocalFunctions;
import dev.mljobs.local.sfn.tasks.BatchJobDefinition;
import dev.mljobs.local.sfn.tasks.TaskRouter;
import dev.mljobs.worker.Worker;
import dev.mljobs.worker.WorkerCli;
import dev.mljobs.worker.WorkerHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The Lambda functions and the Batch job definition of the deployment, served in-process: the same
 * handler classes the stack deploys, and the worker CLI as a child process for Batch.
 */
final class Functions {

  static final String STEPS = "mljobs-steps";
  static final String WORKER = "mljobs-worker";
  static final String RECONCILE = "mljobs-reconcile";
  static final String SCHEDULE = "mljobs-schedule";
  static final String BATCH_JOB_DEFINITION = "mljobs-worker";
  static final String BATCH_JOB_QUEUE = "mljobs-gpu";

  private final LocalFunctions registry = new LocalFunctions();
  private final Map<String, Object> handlers = new java.util.LinkedHashMap<>();
  private final Path batchLogs;

  /** The workers' model cache (MODEL_CACHE_DIR): kept with the data, or fresh per runtime. */
  private final Path modelCache;

  Functions(Path dataDir) throws IOException {
    this.batchLogs =
        dataDir == null
            ? Files.createTempDirectory("mljobs-batch")
            : dataDir.resolve("logs").resolve("batch");
    this.modelCache =
        dataDir == null
            ? Files.createTempDirectory("mljobs-models")
            : dataDir.resolve("model-cache");
  }

  static String arn(String function) {
    return "arn:aws:lambda:us-east-1:000000000000:function:" + function;
  }

  LocalFunctions registry() {
    return registry;
  }

  /**
   * @param workerEnvironment what the Batch job definition puts in the worker's environment
   *     (region, credentials, the S3 endpoint)
   */
  TaskRouter taskRouter(DynamoDbClient dynamo, Map<String, String> workerEnvironment) {
    return new TaskRouter(
        registry, dynamo, List.of(workerJob(withModelCache(workerEnvironment))), batchLogs);
  }

  private Map<String, String> withModelCache(Map<String, String> env) {
    Map<String, String> all = new java.util.HashMap<>(env);
    all.put("MODEL_CACHE_DIR", modelCache.toString());
    return all;
  }

  /**
   * Registers the functions once their wiring (which needs every endpoint) is known.
   *
   * @param workerEnvironment what the worker function's environment holds (region, credentials, the
   *     S3 endpoint)
   */
  void register(Wiring wiring, Map<String, String> workerEnvironment) {
    StepsHandler steps = new StepsHandler(wiring);
    WorkerHandler worker =
        new WorkerHandler(
            new Worker(withModelCache(workerEnvironment)), withModelCache(workerEnvironment));
    ReconcileHandler reconcile = new ReconcileHandler(wiring);
    registry.register(STEPS, LocalFunction.of(steps), Duration.ofSeconds(60));
    registry.register(WORKER, LocalFunction.of(worker), Duration.ofSeconds(900));
    registry.register(RECONCILE, LocalFunction.of(reconcile), Duration.ofSeconds(300));
    ScheduleHandler schedule = new ScheduleHandler(wiring);
    registry.register(SCHEDULE, LocalFunction.of(schedule), Duration.ofSeconds(60));
    handlers.put("steps", steps);
    handlers.put("worker", worker);
    handlers.put("reconcile", reconcile);
    handlers.put("schedule", schedule);
  }

  /** The handlers registered, by the short name {@code scripts/invoke} takes. */
  Map<String, Object> handlers() {
    return handlers;
  }

  /**
   * The worker CLI, started with this JVM's java and class path, as the Batch container would run
   * it.
   */
  private static BatchJobDefinition workerJob(Map<String, String> environment) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new BatchJobDefinition(
        BATCH_JOB_DEFINITION,
        List.of(java, "-cp", System.getProperty("java.class.path"), WorkerCli.class.getName()),
        environment);
  }
}
