package dev.mljobs.handlers;

/**
 * The environment variables the handlers read besides the table, queue and bucket names (those are
 * named by {@code TableNames}, {@code QueueNames} and {@code BucketNames}): one definition, used by
 * {@link Wiring}, {@link Services}, the handlers, the local runtime and the CDK stack.
 */
public final class HandlerSettings {

  private HandlerSettings() {}

  /** The ARN of the job lifecycle state machine. */
  public static final String JOB_STATE_MACHINE_ARN = "JOB_STATE_MACHINE_ARN";

  /** The EventBridge bus job status events go to; unset, they are logged (the local bus). */
  public static final String EVENT_BUS_NAME = "EVENT_BUS_NAME";

  /** The key the steps function signs the workers' progress callback tokens with. */
  public static final String CALLBACK_SECRET = "CALLBACK_SECRET";

  /** The API's base URL, where workers report progress. */
  public static final String CALLBACK_BASE_URL = "CALLBACK_BASE_URL";

  /** The most jobs running at once, over all owners. */
  public static final String MAX_RUNNING_JOBS = "MAX_RUNNING_JOBS";

  /** The most jobs running at once for one owner. */
  public static final String MAX_RUNNING_JOBS_PER_OWNER = "MAX_RUNNING_JOBS_PER_OWNER";

  /** The schedule handler's function (alias) ARN: the target of every schedule the API creates. */
  public static final String SCHEDULE_FUNCTION_ARN = "SCHEDULE_FUNCTION_ARN";

  /** The role EventBridge Scheduler assumes to invoke the schedule handler. */
  public static final String SCHEDULER_ROLE_ARN = "SCHEDULER_ROLE_ARN";
}
