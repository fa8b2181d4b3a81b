package dev.mljobs.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mljobs.aws.SystemClock;
import dev.mljobs.aws.dynamodb.DynamoDbJobStore;
import dev.mljobs.core.job.JobStore;
import dev.mljobs.local.aws.LocalAws;
import dev.mljobs.local.junit.LocalRuntimeExtension;
import dev.mljobs.testkit.JobFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Every sample event in {@code events/} replayed through the handler its name starts with, on one
 * local runtime, as {@code scripts/invoke} does; each answer checked for the shape that handler
 * gives that event. The jobs the events name are put in place first, as they would be when such an
 * event arrives in AWS.
 */
@ExtendWith(LocalRuntimeExtension.class)
class EventsReplayIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path EVENTS = Path.of("..", "events");
  private static final String TRACE = "Root=1-67a1b2c3-0123456789abcdef01234567";

  @BeforeAll
  static void the_jobs_the_events_name(LocalRuntime runtime) throws Exception {
    JobStore store =
        new DynamoDbJobStore(runtime.aws().dynamoDb(), LocalAws.tableNames(), new SystemClock());
    for (String id : List.of("1111", "2222", "3333", "4444", "5555")) {
      store.create(JobFixtures.aQueuedJob(Instant.now()).jobId(jobId(id)).owner("local").build());
    }
    for (String running : List.of("3333", "4444", "5555")) {
      JsonNode started =
          invoke(runtime, "steps", "{\"action\":\"start\",\"job_id\":\"" + jobId(running) + "\"}");
      assertThat(started.path("run").asBoolean()).isTrue();
    }
    runtime
        .aws()
        .s3()
        .putObject(
            b -> b.bucket(LocalAws.bucketNames().data()).key("inputs/local/sample.job.json"),
            RequestBody.fromString("{\"job_type\":\"sleep\",\"params\":{\"seconds\":0}}"));
  }

  static Stream<String> events() throws IOException {
    try (Stream<Path> files = Files.list(EVENTS)) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(f -> f.endsWith(".json"))
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("events")
  void each_sample_event_gets_its_handlers_answer(String file, LocalRuntime runtime)
      throws Exception {
    // given
    String handler = file.substring(0, file.indexOf('-'));
    String event = Files.readString(EVENTS.resolve(file));
    // when
    JsonNode answer = invoke(runtime, handler, event);
    // then
    switch (file) {
      case "api-get-health.json" -> {
        assertThat(answer.path("statusCode").asInt()).isEqualTo(200);
        JsonNode body = JSON.readTree(answer.path("body").asText());
        assertThat(body.path("status").asText()).isEqualTo("ok");
        assertThat(body.path("dependencies").fieldNames())
            .toIterable()
            .containsExactly("dynamodb", "sqs", "s3", "stepfunctions");
        body.path("dependencies")
            .forEach(d -> assertThat(d.path("status").asText()).isEqualTo("up"));
      }
      case "api-submit-job.json" -> {
        assertThat(answer.path("statusCode").asInt()).isEqualTo(202);
        JsonNode job = JSON.readTree(answer.path("body").asText());
        assertThat(UUID.fromString(job.path("job_id").asText())).isNotNull();
        assertThat(job.path("status").asText()).isEqualTo("queued");
        assertThat(job.path("trace_id").asText()).isEqualTo(TRACE);
      }
      case "api-get-job.json" -> {
        assertThat(answer.path("statusCode").asInt()).isEqualTo(200);
        JsonNode job = JSON.readTree(answer.path("body").asText());
        assertThat(job.path("job_id").asText()).isEqualTo(jobId("2222").toString());
      }
      case "dispatch-sqs-batch.json", "webhooks-sqs-batch.json" ->
          assertThat(
                  answer.path("batchItemFailures").isArray()
                      && answer.path("batchItemFailures").isEmpty())
              .as("no failed items in %s", answer)
              .isTrue();
      case "trigger-s3-object-created.json" ->
          assertThat(JSON.readTree(answer.asText()).path("jobs_created").asInt()).isEqualTo(1);
      case "uploads-s3-object-created.json" ->
          // an upload no trigger watches makes nothing
          assertThat(JSON.readTree(answer.asText()).path("jobs_created").asInt()).isZero();
      case "schedule-firing.json" -> {
        // a firing of a schedule that no longer exists is answered, not thrown (no Scheduler retry)
        assertThat(answer.path("schedule_id").asText())
            .isEqualTo("00000000-0000-4000-8000-000000000000");
        assertThat(answer.path("ignored").asText())
            .isEqualTo("the schedule is deleted or disabled");
      }
      case "reconcile-scheduled.json" ->
          assertThat(answer.path("redispatched").isInt()).as("%s", answer).isTrue();
      case "steps-start.json" -> {
        assertThat(answer.path("run").asBoolean()).isTrue();
        assertThat(answer.path("attempt").asInt()).isEqualTo(1);
        assertThat(answer.path("work").path("job_id").asText()).isEqualTo(jobId("2222").toString());
        assertThat(answer.path("environment").isArray()).isTrue();
      }
      case "steps-complete.json" ->
          assertThat(answer.path("status").asText()).isEqualTo("completed");
      case "steps-attempt-failed.json" -> {
        // a transient failure with attempts left: queued again, and the workflow backs off
        assertThat(answer.path("status").asText()).isEqualTo("queued");
        assertThat(answer.path("retry").asBoolean()).isTrue();
      }
      case "steps-abandon.json" -> assertThat(answer.path("status").asText()).isEqualTo("failed");
      case "worker-sleep.json" -> {
        assertThat(answer.path("attempt").asInt()).isEqualTo(1);
        assertThat(answer.path("slept_ms").asLong()).isGreaterThanOrEqualTo(0);
      }
      default -> throw new AssertionError("no expected answer for events/" + file + ": add one");
    }
  }

  @Test
  void every_handler_has_a_sample_event(LocalRuntime runtime) throws IOException {
    Set<String> covered = new TreeSet<>();
    events().forEach(f -> covered.add(f.substring(0, f.indexOf('-'))));
    assertThat(covered).containsExactlyInAnyOrderElementsOf(runtime.handlerNames());
  }

  private static JsonNode invoke(LocalRuntime runtime, String handler, String event)
      throws Exception {
    return JSON.readTree(
        new String(
            runtime.invoke(handler, event.getBytes(StandardCharsets.UTF_8)),
            StandardCharsets.UTF_8));
  }

  private static UUID jobId(String digits) {
    String d = digits.substring(0, 1);
    return UUID.fromString(
        d.repeat(8)
            + "-"
            + d.repeat(4)
            + "-4"
            + d.repeat(3)
            + "-8"
            + d.repeat(3)
            + "-"
            + d.repeat(12));
  }
}
