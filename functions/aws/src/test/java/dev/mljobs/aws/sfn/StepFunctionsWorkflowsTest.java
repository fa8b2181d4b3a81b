package dev.mljobs.aws.sfn;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The trace header Step Functions takes: a header a client made up never blocks a start. */
class StepFunctionsWorkflowsTest {

  @Test
  void an_x_ray_trace_id_is_passed_as_the_trace_header() {
    assertThat(StepFunctionsWorkflows.traceHeader("Root=1-67a1b2c3-0123456789abcdef01234567"))
        .isEqualTo("Root=1-67a1b2c3-0123456789abcdef01234567");
  }

  @Test
  void none_or_one_step_functions_would_refuse_is_left_out() {
    assertThat(StepFunctionsWorkflows.traceHeader(null)).isNull();
    assertThat(StepFunctionsWorkflows.traceHeader("Root=1-café")).isNull();
    assertThat(StepFunctionsWorkflows.traceHeader("x".repeat(257))).isNull();
  }
}
