package dev.mljobs.local.runtime;

import dev.mljobs.handlers.Services;
import dev.mljobs.handlers.Wiring;
import dev.mljobs.local.aws.LocalAws;
import dev.mljobs.local.scheduler.LocalScheduler;
import dev.mljobs.local.scheduler.ScheduleTargets;
import dev.mljobs.local.scheduler.SqsScheduleTargets;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ConflictException;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;

/** The local EventBridge Scheduler, delivering to SQS and to the in-process functions. */
final class Schedules {

  static final String RECONCILER = "mljobs-reconcile-every-minute";

  private Schedules() {}

  static LocalScheduler start(LocalAws aws, AsyncLambdaTargets lambda, Path dataDir) {
    LocalScheduler.Builder builder =
        LocalScheduler.builder(
            ScheduleTargets.byService(
                Map.of("sqs", new SqsScheduleTargets(aws.sqs()), "lambda", lambda)));
    if (dataDir != null) {
      builder.dataDirectory(dataDir.resolve("scheduler"));
    }
    return builder.start();
  }

  /**
   * Fire times the schedules missed while the runtime was down, dealt with by each schedule's
   * catch-up policy (the emulator itself, like AWS, does not replay them).
   */
  static void catchUp(Wiring wiring) {
    Services services = new Services(wiring);
    int made = services.scheduleCatchUp(services.jobService()).catchUpAll();
    if (made > 0) {
      System.out.println("schedules: " + made + " job(s) made for fire times missed while stopped");
    }
  }

  /**
   * The schedule that re-sends jobs stuck in the queue: what the stack creates in AWS, created here
   * through the real Scheduler API.
   */
  static void ensureReconciler(Wiring wiring) throws IOException {
    try (SchedulerClient scheduler =
        wiring
            .clients()
            .configure(SchedulerClient.builder(), "SCHEDULER")
            .httpClient(wiring.clients().httpClient())
            .build()) {
      scheduler.createSchedule(
          b ->
              b.name(RECONCILER)
                  .scheduleExpression("rate(1 minute)")
                  .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                  .target(
                      t ->
                          t.arn(Functions.arn(Functions.RECONCILE))
                              .roleArn(StateMachines.ROLE)
                              .input("{}")));
    } catch (ConflictException exists) {
      // kept from an earlier start
    }
  }
}
