package dev.mljobs.handlers.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mljobs.testkit.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** {@code GET /health}: each dependency's status and latency, 503 when one is down, no names. */
class HealthApiTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final SettableClock clock = new SettableClock(Instant.parse("2026-03-01T10:00:00Z"));

  @Test
  void all_dependencies_up_answers_200_with_each_one() throws Exception {
    // given
    HealthApi api =
        api(
            List.of(
                new DependencyCheck("dynamodb", () -> {}), new DependencyCheck("s3", () -> {})));
    // when
    APIGatewayV2HTTPResponse response = api.get();
    // then
    assertThat(response.getStatusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(response.getBody());
    assertThat(body.path("status").asText()).isEqualTo("ok");
    assertThat(body.path("dependencies").fieldNames())
        .toIterable()
        .containsExactly("dynamodb", "s3");
    assertThat(body.path("dependencies").path("s3").path("status").asText()).isEqualTo("up");
    assertThat(body.path("dependencies").path("s3").path("latency_ms").isIntegralNumber()).isTrue();
    assertThat(body.path("dependencies").path("s3").has("error")).isFalse();
  }

  @Test
  void a_refused_call_answers_503_with_the_error_code_and_not_the_message() throws Exception {
    // given
    AwsServiceException denied =
        AwsServiceException.builder()
            .message("User arn:aws:iam::123456789012:role/x is not authorized on table mljobs-jobs")
            .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDeniedException").build())
            .statusCode(400)
            .build();
    HealthApi api =
        api(
            List.of(
                new DependencyCheck(
                    "dynamodb",
                    () -> {
                      throw denied;
                    }),
                new DependencyCheck(
                    "sqs",
                    () -> {
                      throw new java.net.ConnectException("Connection refused: 10.0.0.7:443");
                    }),
                new DependencyCheck("s3", () -> {})));
    // when
    APIGatewayV2HTTPResponse response = api.get();
    // then
    assertThat(response.getStatusCode()).isEqualTo(503);
    JsonNode body = JSON.readTree(response.getBody());
    assertThat(body.path("status").asText()).isEqualTo("degraded");
    assertThat(body.at("/dependencies/dynamodb/error").asText()).isEqualTo("AccessDeniedException");
    assertThat(body.at("/dependencies/sqs/error").asText()).isEqualTo("unreachable");
    assertThat(body.at("/dependencies/s3/status").asText()).isEqualTo("up");
    assertThat(response.getBody()).doesNotContain("mljobs-jobs", "123456789012", "10.0.0.7");
  }

  @Test
  void a_dependency_that_does_not_answer_in_time_is_down_and_does_not_hold_the_answer() {
    // given
    CountDownLatch never = new CountDownLatch(1);
    HealthChecks checks =
        new HealthChecks(
            List.of(new DependencyCheck("stepfunctions", never::await)),
            Duration.ofMillis(200),
            Duration.ZERO,
            clock);
    // when
    long start = System.nanoTime();
    HealthReport report = checks.report();
    // then
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(report.up()).isFalse();
    assertThat(report.dependencies().get("stepfunctions").error()).isEqualTo("timed out");
  }

  @Test
  void a_report_is_answered_again_until_it_is_older_than_the_cache_time() {
    // given
    AtomicInteger calls = new AtomicInteger();
    HealthChecks checks =
        new HealthChecks(
            List.of(new DependencyCheck("dynamodb", calls::incrementAndGet)),
            Duration.ofSeconds(1),
            Duration.ofSeconds(5),
            clock);
    // when
    checks.report();
    clock.advance(Duration.ofSeconds(4));
    checks.report();
    int withinCache = calls.get();
    clock.advance(Duration.ofSeconds(1));
    checks.report();
    // then
    assertThat(withinCache).isEqualTo(1);
    assertThat(calls.get()).isEqualTo(2);
  }

  private HealthApi api(List<DependencyCheck> checks) {
    return new HealthApi(new HealthChecks(checks, Duration.ofSeconds(2), Duration.ZERO, clock));
  }
}
