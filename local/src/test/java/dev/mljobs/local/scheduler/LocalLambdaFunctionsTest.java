package dev.mljobs.local.scheduler;

import static dev.mljobs.local.scheduler.SchedulerFixture.ROLE_ARN;
import static dev.mljobs.local.scheduler.SchedulerFixture.aSchedule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class LocalLambdaFunctionsTest {

  private static final String FUNCTION_ARN =
      "arn:aws:lambda:us-east-1:000000000000:function:schedule-handler";

  @Test
  void a_fire_calls_the_function_registered_under_the_target_name_with_the_input() {
    // given
    List<String> received = new CopyOnWriteArrayList<>();
    LocalLambdaFunctions functions =
        new LocalLambdaFunctions().register("schedule-handler", received::add);
    ScheduleTargets targets = ScheduleTargets.byService(Map.of("lambda", functions));
    try (SchedulerFixture fixture =
        SchedulerFixture.startingAt(Instant.parse("2026-05-04T10:00:00Z"), targets)) {
      fixture
          .client()
          .createSchedule(
              aSchedule("hourly")
                  .target(
                      t -> t.arn(FUNCTION_ARN).roleArn(ROLE_ARN).input("{\"templateId\":\"t-1\"}"))
                  .build());

      // when
      fixture.time.advanceBy(Duration.ofHours(2));
    }

    // then
    assertThat(received).containsExactly("{\"templateId\":\"t-1\"}", "{\"templateId\":\"t-1\"}");
  }

  @Test
  void a_qualified_function_arn_reaches_the_same_function() {
    // given
    List<String> received = new CopyOnWriteArrayList<>();
    LocalLambdaFunctions functions =
        new LocalLambdaFunctions().register("schedule-handler", received::add);

    // when
    functions.deliver(invocation(FUNCTION_ARN + ":live"));

    // then
    assertThat(received).containsExactly("{}");
  }

  @Test
  void an_unregistered_function_or_an_arn_of_another_service_fails_the_invocation() {
    LocalLambdaFunctions functions = new LocalLambdaFunctions();

    assertThatThrownBy(() -> functions.deliver(invocation(FUNCTION_ARN)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Function not found");
    assertThatThrownBy(
            () -> functions.deliver(invocation("arn:aws:sqs:us-east-1:000000000000:jobs")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void targets_by_service_fail_a_service_they_have_no_targets_for() {
    ScheduleTargets targets =
        ScheduleTargets.byService(Map.of("lambda", new LocalLambdaFunctions()));

    assertThatThrownBy(
            () ->
                targets.deliver(invocation("arn:aws:states:us-east-1:000000000000:stateMachine:x")))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("no local target for service states");
  }

  private static TargetInvocation invocation(String arn) {
    return new TargetInvocation(arn, "{}", Optional.empty(), Map.of());
  }
}
