package dev.mljobs.local.scheduler;

import java.util.Map;

/**
 * Where the emulator delivers invocations: the seam between firing schedules and the local services
 * that play the targets (an SQS queue, an in-process Lambda function, a test's fake).
 */
@FunctionalInterface
public interface ScheduleTargets {

  /**
   * Delivers one invocation to {@link TargetInvocation#targetArn()}.
   *
   * @throws RuntimeException if the target did not take it; the emulator then retries per the
   *     schedule's retry policy and finally sends it to the dead-letter queue, if any
   */
  void deliver(TargetInvocation invocation);

  /**
   * Targets chosen by the service in the target's ARN, e.g. {@code sqs} or {@code lambda}.
   *
   * @param byService the targets for each service
   * @return targets that fail an invocation whose service has none
   */
  static ScheduleTargets byService(Map<String, ScheduleTargets> byService) {
    Map<String, ScheduleTargets> routes = Map.copyOf(byService);
    return invocation -> {
      String service = Arn.parse(invocation.targetArn()).service();
      ScheduleTargets targets = routes.get(service);
      if (targets == null) {
        throw new UnsupportedOperationException(
            "no local target for service " + service + ": " + invocation.targetArn());
      }
      targets.deliver(invocation);
    };
  }
}
