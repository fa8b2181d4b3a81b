package dev.mljobs.handlers.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.mljobs.handlers.PrimingHooks;
import dev.mljobs.testkit.SettableClock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** SnapStart priming: what runs before the snapshot, and that it can never fail the snapshot. */
class PrimingTest {

  @Test
  void the_priming_request_is_a_health_check_answered_without_an_owner_or_a_context() {
    // given
    ApiHandler api = new TestApi(new SettableClock(Instant.parse("2026-03-01T10:00:00Z"))).handler;
    // when
    APIGatewayV2HTTPResponse response = api.handleRequest(ApiHandler.HEALTH_CHECK, null);
    // then
    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(response.getBody()).contains("\"status\":\"ok\"");
  }

  @Test
  void the_hook_runs_the_warm_up_before_the_checkpoint_and_swallows_its_failure() {
    AtomicInteger runs = new AtomicInteger();
    assertThatCode(
            () ->
                PrimingHooks.beforeCheckpoint(
                    () -> {
                      runs.incrementAndGet();
                      throw new IllegalStateException("no network while priming");
                    }))
        .doesNotThrowAnyException();
    assertThat(runs).hasValue(1);
  }
}
