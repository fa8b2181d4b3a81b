package dev.mljobs.local.runtime;

import static dev.mljobs.testkit.Waits.patiently;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.mljobs.aws.dynamodb.DynamoDbTemplateStore;
import dev.mljobs.core.template.JobTemplate;
import dev.mljobs.handlers.Wiring;
import dev.mljobs.handlers.schedule.ScheduleHandler;
import dev.mljobs.local.aws.LocalAws;
import dev.mljobs.local.lambda.LocalContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.scheduler.SchedulerClient;

/**
 * Schedules end to end through the local runtime: the API stores each one in DynamoDB Local and
 * creates its schedule in the local EventBridge Scheduler through the SDK; the emulator fires it
 * into the schedule handler, which makes the job.
 */
class SchedulesIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BOBS_KEY = "bobs-own-key-0123456789";
  private static LocalRuntime runtime;
  private static ApiClient api;
  private static ApiClient bob;
  private static String templateId;
  private static String slowTemplateId;

  @BeforeAll
  static void start() throws Exception {
    runtime = LocalRuntime.start(Options.forTests().withOwner("bob", BOBS_KEY));
    api = new ApiClient(runtime);
    bob = new ApiClient(runtime, BOBS_KEY);
    // the template API is another route's; its store is the same DynamoDB table
    templateId = "sleep-" + UUID.randomUUID();
    new DynamoDbTemplateStore(runtime.aws().dynamoDb(), LocalAws.tableNames())
        .create(
            JobTemplate.create(
                templateId,
                "short sleep",
                "sleep",
                JsonNodeFactory.instance.objectNode().put("seconds", 0),
                null,
                "local",
                Instant.now()));
    slowTemplateId = "slow-" + UUID.randomUUID();
    new DynamoDbTemplateStore(runtime.aws().dynamoDb(), LocalAws.tableNames())
        .create(
            JobTemplate.create(
                slowTemplateId,
                "three seconds",
                "sleep",
                JsonNodeFactory.instance.objectNode().put("seconds", 3),
                null,
                "local",
                Instant.now()));
  }

  @AfterAll
  static void stop() {
    runtime.close();
  }

  private static JsonNode create(String extra, int status) {
    ApiClient.Answer answer =
        api.send(
            "POST",
            "/v1/schedules",
            "{\"name\":\"it\",\"template_id\":\"" + templateId + "\"" + extra + "}");
    assertThat(answer.status()).as("%s", answer.body()).isEqualTo(status);
    return answer.body();
  }

  private static JsonNode jobsOf(String scheduleId) {
    return api.send("GET", "/v1/schedules/" + scheduleId + "/jobs", null).body().get("jobs");
  }

  /** A one-time expression a few seconds from now, in UTC. */
  private static String atSoon(int seconds) {
    LocalDateTime at =
        LocalDateTime.ofInstant(
            Instant.now().plusSeconds(seconds).truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);
    // whole seconds always: LocalDateTime.toString() leaves out ":00"
    return "at("
        + java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").format(at)
        + ")";
  }

  @Test
  void an_at_schedule_fires_once_and_a_disabled_one_of_the_same_time_never() {
    // given two one-time schedules of the same time, one of them disabled
    String at = atSoon(4);
    String on = create(",\"expression\":\"" + at + "\"", 201).get("schedule_id").asText();
    String off =
        create(",\"expression\":\"" + at + "\",\"enabled\":false", 201).get("schedule_id").asText();
    // then the Scheduler's schedule exists, in group mljobs, with the handler as target
    try (SchedulerClient scheduler = schedulerClient()) {
      var real = scheduler.getSchedule(b -> b.groupName("mljobs").name("mljobs-" + on));
      assertThat(real.scheduleExpression()).isEqualTo(at);
      assertThat(real.target().input()).contains("<aws.scheduler.scheduled-time>");
    }
    // when the enabled one has fired and its job ran
    JsonNode job =
        patiently("the at() schedule made its job")
            .until(() -> jobsOf(on), jobs -> jobs.size() == 1)
            .get(0);
    String fireTime = at.substring(3, at.length() - 1) + ".000Z";
    assertThat(job.get("scheduled_time").asText()).isEqualTo(fireTime);
    assertThat(job.get("schedule_id").asText()).isEqualTo(on);
    assertThat(job.get("template_id").asText()).isEqualTo(templateId);
    api.await(
        job.get("job_id").asText(),
        ApiClient.status("completed"),
        java.time.Duration.ofSeconds(60));
    // then it shows no next fire, and the disabled one made nothing
    JsonNode fired = api.send("GET", "/v1/schedules/" + on, null).body();
    assertThat(fired.get("next_trigger_at").isNull()).isTrue();
    assertThat(fired.at("/job_counts/completed").asInt()).isEqualTo(1);
    assertThat(jobsOf(off).size()).isZero();
    assertThat(api.send("GET", "/v1/schedules/" + off + "/firings", null).body().get("firings"))
        .isEmpty();
  }

  @Test
  void a_rate_schedule_fires_from_its_start_and_keeps_its_next_fire() {
    // given a rate schedule starting in a few seconds: its first fire is its start
    Instant start = Instant.now().plusSeconds(4).truncatedTo(ChronoUnit.SECONDS);
    String id =
        create(",\"expression\":\"rate(1 minute)\",\"start_at\":\"" + start + "\"", 201)
            .get("schedule_id")
            .asText();
    // when
    JsonNode job =
        patiently("the rate() schedule fired at its start")
            .until(() -> jobsOf(id), jobs -> jobs.size() >= 1)
            .get(0);
    // then
    assertThat(Instant.parse(job.get("scheduled_time").asText())).isEqualTo(start);
    JsonNode schedule =
        patiently("the firing is recorded on the schedule")
            .until(
                () -> api.send("GET", "/v1/schedules/" + id, null).body(),
                s -> !s.get("last_triggered_at").isNull());
    assertThat(Instant.parse(schedule.get("next_trigger_at").asText()))
        .isEqualTo(start.plusSeconds(60));
    JsonNode firings = api.send("GET", "/v1/schedules/" + id + "/firings", null).body();
    assertThat(firings.at("/firings/0/outcome").asText()).isEqualTo("job_created");
    assertThat(firings.at("/firings/0/job_id").asText()).isEqualTo(job.get("job_id").asText());
    assertThat(api.send("DELETE", "/v1/schedules/" + id, null).status()).isEqualTo(204);
  }

  @Test
  void a_firing_delivered_twice_at_once_and_again_after_a_crash_makes_one_job() throws Exception {
    // given a schedule and the very event its Scheduler schedule delivers
    String id = create(",\"expression\":\"cron(0 3 * * ? *)\"", 201).get("schedule_id").asText();
    String event = "{\"schedule_id\":\"" + id + "\",\"scheduled_time\":\"2027-01-01T03:00:00Z\"}";
    // two instances of the function, as two concurrent Lambda invocations would have
    ScheduleHandler one = new ScheduleHandler(new Wiring(runtime.handlerEnvironment()));
    ScheduleHandler two = new ScheduleHandler(new Wiring(runtime.handlerEnvironment()));
    // when it is delivered twice at once, and once more later (a retry after a crash)
    var a = CompletableFuture.supplyAsync(() -> invoke(one, event));
    var b = CompletableFuture.supplyAsync(() -> invoke(two, event));
    Set<String> jobIds =
        new HashSet<>(List.of(a.get().get("job_id").asText(), b.get().get("job_id").asText()));
    jobIds.add(invoke(one, event).get("job_id").asText());
    // then there is one job, and one entry in the ledger
    assertThat(jobIds).hasSize(1);
    assertThat(jobsOf(id).size()).isEqualTo(1);
    assertThat(api.send("GET", "/v1/schedules/" + id + "/firings", null).body().get("firings"))
        .hasSize(1);
  }

  @Test
  void backfill_twice_over_one_window_makes_its_jobs_once() {
    String id = create(",\"expression\":\"cron(0 * * * ? *)\"", 201).get("schedule_id").asText();
    String window = "{\"from\":\"2026-01-01T00:00:00Z\",\"to\":\"2026-01-01T02:30:00Z\"}";
    JsonNode first = api.send("POST", "/v1/schedules/" + id + "/backfill", window).body();
    JsonNode again = api.send("POST", "/v1/schedules/" + id + "/backfill", window).body();
    assertThat(first.get("created").asInt()).isEqualTo(3);
    assertThat(again.get("created").asInt()).isZero();
    assertThat(jobsOf(id).size()).isEqualTo(3);
  }

  @Test
  void bad_input_answers_400_naming_the_field() {
    JsonNode cron = create(",\"expression\":\"cron(0 25 * * ? *)\"", 400);
    assertThat(cron.at("/errors/0/field").asText()).isEqualTo("expression");
    assertThat(cron.at("/errors/0/message").asText()).contains("hours");
    JsonNode zone = create(",\"expression\":\"rate(1 hour)\",\"timezone\":\"Berlin\"", 400);
    assertThat(zone.at("/errors/0/field").asText()).isEqualTo("timezone");
  }

  @Test
  void another_owner_sees_no_schedule_of_ours_nor_uses_our_template() {
    String id = create(",\"expression\":\"rate(1 day)\"", 201).get("schedule_id").asText();
    for (String[] route :
        new String[][] {
          {"GET", ""},
          {"PATCH", ""},
          {"DELETE", ""},
          {"POST", "/enable"},
          {"POST", "/disable"},
          {"POST", "/trigger"},
          {"POST", "/backfill"},
          {"GET", "/jobs"},
          {"GET", "/firings"}
        }) {
      String body =
          route[0].equals("PATCH")
              ? "{\"name\":\"x\"}"
              : route[1].equals("/backfill")
                  ? "{\"from\":\"2026-01-01T00:00:00Z\",\"to\":\"2026-01-02T00:00:00Z\"}"
                  : null;
      ApiClient.Answer answer = bob.send(route[0], "/v1/schedules/" + id + route[1], body);
      assertThat(answer.status()).as("%s %s", route[0], route[1]).isEqualTo(404);
    }
    assertThat(bob.send("GET", "/v1/schedules", null).body().get("schedules")).isEmpty();
    ApiClient.Answer theirs =
        bob.send(
            "POST",
            "/v1/schedules",
            "{\"name\":\"x\",\"template_id\":\""
                + templateId
                + "\",\"expression\":\"rate(1 day)\"}");
    assertThat(theirs.status()).isEqualTo(404);
    assertThat(api.send("GET", "/v1/schedules/" + id, null).status()).isEqualTo(200);
  }

  @Test
  void overlap_buffer_one_runs_the_waiting_firing_after_the_running_one_and_skips_a_third() {
    // given a schedule of three-second jobs that keeps one firing waiting
    String id =
        api.send(
                "POST",
                "/v1/schedules",
                "{\"name\":\"b\",\"template_id\":\""
                    + slowTemplateId
                    + "\",\"expression\":\"rate(1 day)\",\"overlap_policy\":\"buffer_one\"}")
            .body()
            .get("schedule_id")
            .asText();
    // when it fires three times while its first job runs
    List<JsonNode> fired = new java.util.ArrayList<>();
    for (int i = 0; i < 3; i++) {
      fired.add(api.send("POST", "/v1/schedules/" + id + "/trigger", null).body());
    }
    // then the second waits and runs after the first; the third is skipped
    assertThat(fired.stream().map(f -> f.get("outcome").asText()))
        .containsExactly("job_created", "buffered", "skipped_overlap");
    JsonNode first =
        api.await(
            fired.get(0).get("job_id").asText(),
            ApiClient.status("completed"),
            java.time.Duration.ofSeconds(60));
    JsonNode second =
        api.await(
            fired.get(1).get("job_id").asText(),
            ApiClient.status("completed"),
            java.time.Duration.ofSeconds(60));
    assertThat(Instant.parse(second.get("started_at").asText()))
        .isAfterOrEqualTo(Instant.parse(first.get("completed_at").asText()));
    JsonNode third = api.job(fired.get(2).get("job_id").asText());
    assertThat(third.get("status").asText()).isEqualTo("skipped");
    assertThat(third.get("error_message").asText()).contains("buffer_one");
  }

  @Test
  void overlap_skip_skips_a_firing_while_the_previous_job_runs() {
    String id =
        api.send(
                "POST",
                "/v1/schedules",
                "{\"name\":\"s\",\"template_id\":\""
                    + slowTemplateId
                    + "\",\"expression\":\"rate(1 day)\",\"overlap_policy\":\"skip\"}")
            .body()
            .get("schedule_id")
            .asText();
    JsonNode first = api.send("POST", "/v1/schedules/" + id + "/trigger", null).body();
    JsonNode second = api.send("POST", "/v1/schedules/" + id + "/trigger", null).body();
    assertThat(second.get("outcome").asText()).isEqualTo("skipped_overlap");
    JsonNode runs =
        api.send("GET", "/v1/jobs/" + second.get("job_id").asText() + "/runs", null).body();
    assertThat(runs.at("/runs/0/status").asText()).isEqualTo("skipped");
    api.await(
        first.get("job_id").asText(),
        ApiClient.status("completed"),
        java.time.Duration.ofSeconds(60));
    JsonNode third = api.send("POST", "/v1/schedules/" + id + "/trigger", null).body();
    assertThat(third.get("outcome").asText()).isEqualTo("job_created");
  }

  @Test
  void catch_up_over_dynamodb_after_six_missed_hourly_fires_makes_0_1_and_6_jobs() {
    // given hourly schedules stored by the API, and the catch-up use case on the same stores with
    // a clock moved past six of their fire times
    Wiring wiring = new Wiring(runtime.handlerEnvironment());
    dev.mljobs.handlers.Services services = new dev.mljobs.handlers.Services(wiring);
    java.util.Map<String, Integer> jobs = new java.util.HashMap<>();
    for (String policy : List.of("skip", "run_once", "run_all")) {
      String id =
          create(",\"expression\":\"cron(0 * * * ? *)\",\"catchup_policy\":\"" + policy + "\"", 201)
              .get("schedule_id")
              .asText();
      var schedule = wiring.scheduleStore().find(id).orElseThrow();
      var clock =
          new dev.mljobs.testkit.SettableClock(
              schedule.nextTriggerAt().plusSeconds(5 * 3600 + 1800));
      var firings =
          new dev.mljobs.core.schedule.ScheduleFirings(
              wiring.scheduleStore(),
              wiring.firingLedger(),
              services.templateService(),
              services.jobService(),
              dev.mljobs.core.schedule.ScheduleEvents.none(),
              clock);
      var catchUp =
          new dev.mljobs.core.schedule.ScheduleCatchUp(
              wiring.scheduleStore(),
              wiring.firingLedger(),
              firings,
              dev.mljobs.core.schedule.ScheduleEvents.none(),
              clock);
      // when it runs (twice: a second start finds nothing left to do)
      catchUp.catchUp(schedule);
      catchUp.catchUp(wiring.scheduleStore().find(id).orElseThrow());
      // then
      jobs.put(policy, jobsOf(id).size());
      JsonNode ledger =
          api.send("GET", "/v1/schedules/" + id + "/firings", null).body().get("firings");
      Set<String> times = new HashSet<>();
      ledger.forEach(f -> times.add(f.get("scheduled_time").asText()));
      assertThat(ledger.size()).isEqualTo(6);
      assertThat(times).hasSize(6);
    }
    assertThat(jobs)
        .containsEntry("skip", 0)
        .containsEntry("run_once", 1)
        .containsEntry("run_all", 6);
  }

  private static SchedulerClient schedulerClient() {
    Wiring wiring = new Wiring(runtime.handlerEnvironment());
    return wiring
        .clients()
        .configure(SchedulerClient.builder(), "SCHEDULER")
        .httpClient(wiring.clients().httpClient())
        .build();
  }

  private static JsonNode invoke(ScheduleHandler handler, String event) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      handler.handleRequest(
          new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)),
          out,
          new LocalContext("mljobs-schedule", 60_000, 512));
      return JSON.readTree(out.toByteArray());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
