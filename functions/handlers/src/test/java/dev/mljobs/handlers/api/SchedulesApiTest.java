package dev.mljobs.handlers.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.mljobs.core.schedule.ScheduleCatchUp;
import dev.mljobs.core.schedule.ScheduleEvents;
import dev.mljobs.core.template.JobTemplate;
import dev.mljobs.handlers.schedule.ScheduleHandler;
import dev.mljobs.testkit.SettableClock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The schedule routes and the schedule handler over in-memory stores; the same routes fire for real
 * through the local Scheduler emulator in {@code SchedulesIT}.
 */
class SchedulesApiTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T0 = Instant.parse("2027-03-01T10:00:00Z");
  private SettableClock clock;
  private TestApi test;

  @BeforeEach
  void setUp() {
    clock = new SettableClock(T0);
    test = new TestApi(clock);
    test.templates.create(
        JobTemplate.create(
            "nightly-sleep",
            "nightly",
            "sleep",
            JsonNodeFactory.instance.objectNode().put("seconds", 1),
            null,
            "alice",
            T0));
  }

  private APIGatewayV2HTTPResponse call(String method, String path, String owner, String body) {
    Map<String, String> headers = new HashMap<>();
    if (body != null) {
      headers.put("content-type", "application/json");
    }
    return test.handler.handleRequest(
        ApiEvents.event(method, path, owner, body, headers), ApiEvents.CONTEXT);
  }

  private JsonNode ok(String method, String path, String body, int status) throws Exception {
    APIGatewayV2HTTPResponse answer = call(method, path, "alice", body);
    assertThat(answer.getStatusCode())
        .as("%s %s: %s", method, path, answer.getBody())
        .isEqualTo(status);
    return answer.getBody() == null ? null : JSON.readTree(answer.getBody());
  }

  private JsonNode create(String expression, String zone) throws Exception {
    return ok(
        "POST",
        "/v1/schedules",
        "{\"name\":\"n\",\"template_id\":\"nightly-sleep\",\"expression\":\""
            + expression
            + "\""
            + (zone == null ? "" : ",\"timezone\":\"" + zone + "\"")
            + "}",
        201);
  }

  /** The fields the 400 names, for a body laid over a valid one. */
  private List<String> refusedFields(String extra) throws Exception {
    String body =
        "{\"name\":\"n\",\"template_id\":\"nightly-sleep\",\"expression\":\"rate(1 hour)\""
            + extra
            + "}";
    APIGatewayV2HTTPResponse answer = call("POST", "/v1/schedules", "alice", body);
    assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(400);
    List<String> fields = new ArrayList<>();
    JSON.readTree(answer.getBody()).get("errors").forEach(e -> fields.add(e.get("field").asText()));
    return fields;
  }

  private String message(String extra) throws Exception {
    String body = "{\"name\":\"n\",\"template_id\":\"nightly-sleep\"" + extra + "}";
    APIGatewayV2HTTPResponse answer = call("POST", "/v1/schedules", "alice", body);
    assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(400);
    return JSON.readTree(answer.getBody()).at("/errors/0/message").asText();
  }

  @Test
  void a_berlin_cron_skips_the_spring_gap_and_fires_once_in_the_autumn_overlap() throws Exception {
    // given the day before the March change
    clock.set(Instant.parse("2027-03-27T12:00:00Z"));
    // when
    JsonNode s = create("cron(30 2 * * ? *)", "Europe/Berlin");
    // then 2027-03-28 02:30 does not exist in Berlin: it is skipped, not moved
    assertThat(texts(s.get("next_triggers")))
        .containsExactly(
            "2027-03-29T02:30:00+02:00",
            "2027-03-30T02:30:00+02:00",
            "2027-03-31T02:30:00+02:00",
            "2027-04-01T02:30:00+02:00",
            "2027-04-02T02:30:00+02:00");
    assertThat(s.get("next_trigger_at").asText()).isEqualTo("2027-03-29T02:30:00+02:00");
    // and on 2027-10-31 02:30 happens twice: it fires once, at the first (summer-time) one
    clock.set(Instant.parse("2027-10-30T12:00:00Z"));
    JsonNode autumn = ok("GET", "/v1/schedules/" + s.get("schedule_id").asText(), null, 200);
    assertThat(texts(autumn.get("next_triggers")))
        .startsWith("2027-10-31T02:30:00+02:00", "2027-11-01T02:30:00+01:00");
  }

  @Test
  void a_new_york_cron_follows_its_own_changes() throws Exception {
    clock.set(Instant.parse("2027-03-13T12:00:00Z"));
    JsonNode s = create("cron(30 2 * * ? *)", "America/New_York");
    // 2027-03-14 02:30 does not exist in New York
    assertThat(texts(s.get("next_triggers")))
        .startsWith("2027-03-15T02:30:00-04:00", "2027-03-16T02:30:00-04:00");
    clock.set(Instant.parse("2027-11-06T12:00:00Z"));
    JsonNode autumn = ok("GET", "/v1/schedules/" + s.get("schedule_id").asText(), null, 200);
    assertThat(texts(autumn.get("next_triggers")))
        .startsWith("2027-11-07T02:30:00-05:00", "2027-11-08T02:30:00-05:00");
  }

  @Test
  void bad_input_is_refused_naming_the_field_and_the_reason() throws Exception {
    assertThat(message(",\"expression\":\"cron(61 2 * * ? *)\"")).contains("minutes");
    assertThat(message(",\"expression\":\"cron(0 2 1 * MON *)\"")).contains("day-of-month");
    assertThat(message(",\"expression\":\"rate(0 minutes)\"")).contains("positive");
    assertThat(message(",\"expression\":\"rate(1 minutes)\"")).contains("'minute'");
    assertThat(message(",\"expression\":\"rate(5 minute)\"")).contains("'minutes'");
    assertThat(message(",\"expression\":\"at(2027-01-01T00:00:00)\"")).contains("past");
    assertThat(refusedFields(",\"timezone\":\"Mars/Olympus\"")).containsExactly("timezone");
    assertThat(
            refusedFields(
                ",\"start_at\":\"2027-06-01T00:00:00Z\",\"end_at\":\"2027-05-01T00:00:00Z\""))
        .containsExactly("end_at");
    assertThat(refusedFields(",\"overlap\":\"skip\"")).containsExactly("overlap");
    assertThat(refusedFields(",\"param_overrides\":{\"seconds\":-1}"))
        .containsExactly("param_overrides.seconds");
    assertThat(refusedFields(",\"enabled\":\"yes\"")).containsExactly("enabled");
  }

  @Test
  void a_template_of_another_owner_is_not_found() {
    String body =
        "{\"name\":\"n\",\"template_id\":\"nightly-sleep\",\"expression\":\"rate(1 hour)\"}";
    assertThat(call("POST", "/v1/schedules", "bob", body).getStatusCode()).isEqualTo(404);
  }

  @Test
  void another_owner_gets_404_on_every_schedule_route_and_sees_none_listed() throws Exception {
    String id = create("rate(1 hour)", null).get("schedule_id").asText();
    String one = "/v1/schedules/" + id;
    for (String[] route :
        new String[][] {
          {"GET", one, null},
          {"PATCH", one, "{\"name\":\"mine\"}"},
          {"DELETE", one, null},
          {"POST", one + "/enable", null},
          {"POST", one + "/disable", null},
          {"POST", one + "/trigger", null},
          {
            "POST",
            one + "/backfill",
            "{\"from\":\"2027-02-01T00:00:00Z\",\"to\":\"2027-02-02T00:00:00Z\"}"
          },
          {"GET", one + "/jobs", null},
          {"GET", one + "/firings", null}
        }) {
      APIGatewayV2HTTPResponse answer = call(route[0], route[1], "bob", route[2]);
      assertThat(answer.getStatusCode()).as("%s %s", route[0], route[1]).isEqualTo(404);
      assertThat(answer.getBody()).doesNotContain("nightly-sleep");
    }
    APIGatewayV2HTTPResponse list = call("GET", "/v1/schedules", "bob", null);
    assertThat(JSON.readTree(list.getBody()).get("schedules").size()).isZero();
    assertThat(ok("GET", one, null, 200).get("name").asText()).isEqualTo("n");
  }

  @Test
  void a_firing_delivered_twice_and_a_retried_handler_make_one_job() throws Exception {
    // given
    String id = create("rate(1 hour)", null).get("schedule_id").asText();
    ScheduleHandler handler = new ScheduleHandler(test.firings);
    String event = "{\"schedule_id\":\"" + id + "\",\"scheduled_time\":\"2027-03-01T11:00:00Z\"}";
    clock.set(Instant.parse("2027-03-01T11:00:00.200Z"));
    // when
    JsonNode first = invoke(handler, event);
    JsonNode second = invoke(handler, event);
    // then
    assertThat(second.get("job_id")).isEqualTo(first.get("job_id"));
    JsonNode jobs = ok("GET", "/v1/schedules/" + id + "/jobs", null, 200).get("jobs");
    assertThat(jobs.size()).isEqualTo(1);
    assertThat(jobs.get(0).get("scheduled_time").asText()).isEqualTo("2027-03-01T11:00:00.000Z");
    assertThat(jobs.get(0).get("schedule_id").asText()).isEqualTo(id);
    JsonNode schedule = ok("GET", "/v1/schedules/" + id, null, 200);
    assertThat(schedule.get("last_triggered_at").asText()).isEqualTo("2027-03-01T11:00:00Z");
    assertThat(schedule.get("next_trigger_at").asText()).isEqualTo("2027-03-01T12:00:00Z");
    assertThat(schedule.at("/job_counts/queued").asInt()).isEqualTo(1);
    JsonNode firings = ok("GET", "/v1/schedules/" + id + "/firings", null, 200).get("firings");
    assertThat(firings.size()).isEqualTo(1);
    assertThat(firings.get(0).get("outcome").asText()).isEqualTo("job_created");
  }

  @Test
  void a_backfill_twice_over_the_same_window_creates_nothing_new() throws Exception {
    String id = create("cron(0 * * * ? *)", null).get("schedule_id").asText();
    String window = "{\"from\":\"2027-02-28T00:00:00Z\",\"to\":\"2027-02-28T05:00:00Z\"}";
    JsonNode first = ok("POST", "/v1/schedules/" + id + "/backfill", window, 200);
    JsonNode again = ok("POST", "/v1/schedules/" + id + "/backfill", window, 200);
    assertThat(first.get("created").asInt()).isEqualTo(6);
    assertThat(again.get("created").asInt()).isZero();
    assertThat(again.get("firings")).isEqualTo(first.get("firings"));
    assertThat(ok("GET", "/v1/schedules/" + id + "/jobs", null, 200).get("jobs").size())
        .isEqualTo(6);
    String future = "{\"from\":\"2027-02-28T00:00:00Z\",\"to\":\"2027-03-02T00:00:00Z\"}";
    assertThat(call("POST", "/v1/schedules/" + id + "/backfill", "alice", future).getStatusCode())
        .isEqualTo(400);
  }

  @Test
  void disable_keeps_the_note_enable_and_patch_recompute_delete_keeps_the_jobs() throws Exception {
    String id = create("cron(0 9 ? * MON-FRI *)", "Europe/Berlin").get("schedule_id").asText();
    String one = "/v1/schedules/" + id;
    JsonNode off =
        ok("POST", one + "/disable", "{\"note\":\"ops: paused for the migration\"}", 200);
    assertThat(off.get("state").asText()).isEqualTo("disabled");
    assertThat(off.get("note").asText()).isEqualTo("ops: paused for the migration");
    assertThat(off.get("next_trigger_at").isNull()).isTrue();
    assertThat(off.get("next_triggers").size()).isZero();
    assertThat(test.scheduleTriggers.trigger(id).orElseThrow().enabled()).isFalse();
    JsonNode on = ok("POST", one + "/enable", null, 200);
    assertThat(on.get("next_trigger_at").asText()).isEqualTo("2027-03-02T09:00:00+01:00");
    JsonNode changed =
        ok("PATCH", one, "{\"expression\":\"rate(5 minutes)\",\"timezone\":null}", 200);
    assertThat(changed.get("timezone").asText()).isEqualTo("UTC");
    assertThat(changed.get("next_trigger_at").asText()).isEqualTo("2027-03-01T10:05:00Z");
    JsonNode fired = ok("POST", one + "/trigger", null, 202);
    ok("DELETE", one, null, 204);
    assertThat(call("GET", one, "alice", null).getStatusCode()).isEqualTo(404);
    assertThat(test.scheduleTriggers.trigger(id)).isEmpty();
    assertThat(test.store.find(java.util.UUID.fromString(fired.get("job_id").asText())))
        .isPresent();
  }

  @Test
  void overlap_skip_makes_a_skipped_job_with_its_reason_while_the_previous_is_queued()
      throws Exception {
    String id =
        ok(
                "POST",
                "/v1/schedules",
                "{\"name\":\"n\",\"template_id\":\"nightly-sleep\",\"expression\":\"rate(1 hour)\","
                    + "\"overlap_policy\":\"skip\"}",
                201)
            .get("schedule_id")
            .asText();
    JsonNode first = ok("POST", "/v1/schedules/" + id + "/trigger", null, 202);
    clock.advance(java.time.Duration.ofSeconds(1));
    JsonNode second = ok("POST", "/v1/schedules/" + id + "/trigger", null, 202);
    assertThat(first.get("outcome").asText()).isEqualTo("job_created");
    assertThat(second.get("outcome").asText()).isEqualTo("skipped_overlap");
    JsonNode skipped =
        JSON.readTree(
            call("GET", "/v1/jobs/" + second.get("job_id").asText(), "alice", null).getBody());
    assertThat(skipped.get("status").asText()).isEqualTo("skipped");
    assertThat(skipped.get("error_message").asText())
        .contains(first.get("job_id").asText(), "still queued");
    assertThat(test.runs.runsOf(java.util.UUID.fromString(second.get("job_id").asText())))
        .singleElement()
        .satisfies(r -> assertThat(r.status().wireName()).isEqualTo("skipped"));
    assertThat(ok("GET", "/v1/schedules/" + id, null, 200).at("/job_counts/skipped").asInt())
        .isEqualTo(1);
  }

  @Test
  void overlap_buffer_one_keeps_one_firing_waiting_and_queues_it_when_the_running_one_ends()
      throws Exception {
    String id =
        ok(
                "POST",
                "/v1/schedules",
                "{\"name\":\"n\",\"template_id\":\"nightly-sleep\",\"expression\":\"rate(1 hour)\","
                    + "\"overlap_policy\":\"buffer_one\"}",
                201)
            .get("schedule_id")
            .asText();
    List<JsonNode> fired = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      fired.add(ok("POST", "/v1/schedules/" + id + "/trigger", null, 202));
      clock.advance(java.time.Duration.ofSeconds(1));
    }
    assertThat(fired.stream().map(f -> f.get("outcome").asText()))
        .containsExactly("job_created", "buffered", "skipped_overlap");
    java.util.UUID running = java.util.UUID.fromString(fired.get(0).get("job_id").asText());
    java.util.UUID waiting = java.util.UUID.fromString(fired.get(1).get("job_id").asText());
    assertThat(test.store.find(waiting).orElseThrow().status().wireName()).isEqualTo("pending");
    // when the first one ends (here: cancelled), the waiting one is queued
    test.jobs.cancel("alice", running);
    assertThat(test.store.find(waiting).orElseThrow().status().wireName()).isEqualTo("queued");
    // and the ledger has each fire time once, with its outcome
    JsonNode ledger = ok("GET", "/v1/schedules/" + id + "/firings", null, 200).get("firings");
    assertThat(texts(ledger, "outcome"))
        .containsExactly("skipped_overlap", "buffered", "job_created");
  }

  @Test
  void catch_up_after_six_missed_hourly_fire_times_follows_each_policy_once() throws Exception {
    // given three hourly schedules, one per catch-up policy, created at 10:00
    Map<String, String> ids = new java.util.LinkedHashMap<>();
    for (String policy : List.of("skip", "run_once", "run_all")) {
      ids.put(
          policy,
          ok(
                  "POST",
                  "/v1/schedules",
                  "{\"name\":\"n\",\"template_id\":\"nightly-sleep\",\"expression\":\"cron(0 * * * ? *)\","
                      + "\"catchup_policy\":\""
                      + policy
                      + "\"}",
                  201)
              .get("schedule_id")
              .asText());
    }
    // when nothing fired from 11:00 to 16:00 (six fire times) and catch-up runs at 16:30, twice
    clock.set(Instant.parse("2027-03-01T16:30:00Z"));
    ScheduleCatchUp catchUp =
        new ScheduleCatchUp(
            test.schedules, test.ledger, test.firings, ScheduleEvents.none(), clock);
    int made = catchUp.catchUpAll();
    assertThat(catchUp.catchUpAll()).isZero();
    // then
    assertThat(made).isEqualTo(7);
    Map<String, Integer> jobs = new HashMap<>();
    for (var e : ids.entrySet()) {
      String one = "/v1/schedules/" + e.getValue();
      jobs.put(e.getKey(), ok("GET", one + "/jobs", null, 200).get("jobs").size());
      JsonNode ledger = ok("GET", one + "/firings", null, 200).get("firings");
      List<String> times = texts(ledger, "scheduled_time");
      assertThat(times).hasSize(6).doesNotHaveDuplicates();
      assertThat(times.get(0)).isEqualTo("2027-03-01T16:00:00Z");
      assertThat(times.get(5)).isEqualTo("2027-03-01T11:00:00Z");
      assertThat(ok("GET", one, null, 200).get("next_trigger_at").asText())
          .isEqualTo("2027-03-01T17:00:00Z");
    }
    assertThat(jobs)
        .containsEntry("skip", 0)
        .containsEntry("run_once", 1)
        .containsEntry("run_all", 6);
    JsonNode once = ok("GET", "/v1/schedules/" + ids.get("run_once") + "/firings", null, 200);
    assertThat(texts(once.get("firings"), "outcome"))
        .containsExactly("caught_up", "missed", "missed", "missed", "missed", "missed");
  }

  private static List<String> texts(JsonNode array, String field) {
    List<String> all = new ArrayList<>();
    array.forEach(t -> all.add(t.get(field).asText()));
    return all;
  }

  private static JsonNode invoke(ScheduleHandler handler, String event) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(
        new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, ApiEvents.CONTEXT);
    return JSON.readTree(out.toByteArray());
  }

  private static List<String> texts(JsonNode array) {
    List<String> all = new ArrayList<>();
    array.forEach(t -> all.add(t.asText()));
    return all;
  }
}
