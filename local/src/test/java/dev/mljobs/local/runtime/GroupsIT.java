package dev.mljobs.local.runtime;

import static dev.mljobs.local.runtime.ApiClient.status;
import static dev.mljobs.local.runtime.RuntimeProbes.parked;
import static dev.mljobs.testkit.Waits.patiently;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mljobs.core.job.Job;
import dev.mljobs.core.job.JobSteps;
import dev.mljobs.handlers.Services;
import dev.mljobs.handlers.Wiring;
import dev.mljobs.testkit.Waits;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Groups through the local runtime's HTTP API, their members run by the real workflow: sequential
 * order with a failing member with and without {@code stop_on_failure}, a parallel group within the
 * owner's concurrency limit, cancel, reorder, the aggregate status in each case, and owners as
 * walls. Each test has its own owner, so that one test's jobs never hold another's slots.
 */
class GroupsIT {

  private static final int PER_OWNER = 2;
  private static final String OK = "{\"job_type\":\"sleep\",\"params\":{\"seconds\":0}}";
  private static final String FAILS =
      "{\"job_type\":\"sleep\",\"max_attempts\":1,\"params\":{\"seconds\":0,\"fail\":\"boom\"}}";

  private static LocalRuntime runtime;

  @BeforeAll
  static void start() throws Exception {
    System.setProperty("sun.net.httpserver.nodelay", "true");
    Options options = Options.forTests().withLimits(1000, PER_OWNER);
    for (String owner : List.of("ann", "ben", "cat", "dan", "eve", "fay", "gus", "hal")) {
      options = options.withOwner(owner, key(owner));
    }
    runtime = LocalRuntime.start(options);
  }

  @AfterAll
  static void stop() {
    runtime.close();
  }

  private static String key(String owner) {
    return owner + "-key-0123456789abcdef";
  }

  private static ApiClient as(String owner) {
    return new ApiClient(runtime, key(owner));
  }

  private static JsonNode create(ApiClient api, String body) {
    ApiClient.Answer a = api.send("POST", "/v1/groups", body);
    assertThat(a.status()).as(a.body().toString()).isEqualTo(201);
    return a.body();
  }

  private static String group(String mode, boolean stop, String... members) {
    return "{\"name\":\"it\",\"mode\":\""
        + mode
        + "\",\"stop_on_failure\":"
        + stop
        + ",\"jobs\":["
        + String.join(",", members)
        + "]}";
  }

  private static JsonNode awaitGroup(ApiClient api, JsonNode group, String... statuses) {
    String path = "/v1/groups/" + group.get("group_id").asText();
    return Waits.patiently("group " + group.get("group_id").asText())
        .atMost(Waits.GENEROUS)
        .until(
            () -> api.send("GET", path, null).body(),
            g -> List.of(statuses).contains(g.path("status").asText()));
  }

  private static List<String> ids(JsonNode group) {
    List<String> ids = new ArrayList<>();
    group.get("members").forEach(m -> ids.add(m.get("job_id").asText()));
    return ids;
  }

  private static List<String> memberStatuses(JsonNode group) {
    return group.get("members").findValuesAsText("status");
  }

  /** The one run of a job: its start and end. */
  private static Instant[] run(ApiClient api, String jobId) {
    JsonNode runs = api.send("GET", "/v1/jobs/" + jobId + "/runs", null).body().get("runs");
    assertThat(runs).as("runs of " + jobId).hasSize(1);
    return new Instant[] {
      Instant.parse(runs.get(0).get("started_at").asText()),
      Instant.parse(runs.get(0).get("finished_at").asText())
    };
  }

  /** Each member's run starts once the one before it has finished. */
  private static void ranInOrder(ApiClient api, List<String> jobIds) {
    for (int i = 1; i < jobIds.size(); i++) {
      assertThat(run(api, jobIds.get(i))[0])
          .as("member %d starts after member %d finished", i, i - 1)
          .isAfterOrEqualTo(run(api, jobIds.get(i - 1))[1]);
    }
  }

  @Test
  void a_sequential_group_without_stop_on_failure_runs_every_member_in_order() {
    ApiClient ann = as("ann");
    JsonNode created = create(ann, group("sequential", false, OK, FAILS, OK));
    assertThat(memberStatuses(created)).containsExactly("queued", "pending", "pending");
    JsonNode done = awaitGroup(ann, created, "completed", "partial", "failed", "cancelled");
    assertThat(done.get("status").asText()).isEqualTo("partial");
    assertThat(memberStatuses(done)).containsExactly("completed", "failed", "completed");
    assertThat(done.at("/counts/completed").asInt()).isEqualTo(2);
    assertThat(done.at("/counts/failed").asInt()).isEqualTo(1);
    ranInOrder(ann, ids(done));
    assertThat(ann.job(ids(done).get(1)).get("error_message").asText()).isEqualTo("boom");
    assertThat(Instant.parse(done.get("finished_at").asText()))
        .isAfterOrEqualTo(run(ann, ids(done).get(2))[1]);
    assertThat(Instant.parse(done.get("started_at").asText()))
        .isBeforeOrEqualTo(run(ann, ids(done).get(0))[0].plusSeconds(1));
  }

  @Test
  void with_stop_on_failure_a_failed_member_skips_the_rest() {
    ApiClient ben = as("ben");
    JsonNode partial = create(ben, group("sequential", true, OK, FAILS, OK, OK));
    JsonNode failed = create(ben, group("sequential", true, FAILS, OK));
    JsonNode p = awaitGroup(ben, partial, "completed", "partial", "failed", "cancelled");
    JsonNode f = awaitGroup(ben, failed, "completed", "partial", "failed", "cancelled");
    assertThat(p.get("status").asText()).isEqualTo("partial");
    assertThat(memberStatuses(p)).containsExactly("completed", "failed", "skipped", "skipped");
    assertThat(ben.job(ids(p).get(2)).get("attempts").asInt()).isZero();
    assertThat(ben.send("GET", "/v1/jobs/" + ids(p).get(3) + "/runs", null).body().get("runs"))
        .isEmpty();
    assertThat(f.get("status").asText()).isEqualTo("failed");
    assertThat(memberStatuses(f)).containsExactly("failed", "skipped");
  }

  @Test
  void a_sequential_group_of_members_that_all_complete_one_from_a_template_is_completed() {
    ApiClient cat = as("cat");
    ApiClient.Answer template =
        cat.send(
            "POST",
            "/v1/templates",
            "{\"name\":\"nap\",\"job_type\":\"sleep\",\"default_params\":{\"seconds\":0}}");
    assertThat(template.status()).as(template.body().toString()).isEqualTo(201);
    String fromTemplate =
        "{\"template_id\":\"" + template.body().get("template_id").asText() + "\"}";
    JsonNode done =
        awaitGroup(cat, create(cat, group("sequential", false, OK, fromTemplate, OK)), "completed");
    assertThat(memberStatuses(done)).containsOnly("completed");
    assertThat(cat.job(ids(done).get(1)).get("template_id").asText())
        .isEqualTo(template.body().get("template_id").asText());
    assertThat(done.at("/counts/completed").asInt()).isEqualTo(3);
    ranInOrder(cat, ids(done));
  }

  @Test
  void a_parallel_group_waits_for_free_slots_and_never_runs_more_than_the_limit() {
    // given: dan's two slots are taken by jobs that are not members
    ApiClient dan = as("dan");
    String a =
        dan.submit("{\"job_type\":\"sleep\",\"params\":{\"seconds\":30}}").get("job_id").asText();
    String b =
        dan.submit("{\"job_type\":\"sleep\",\"params\":{\"seconds\":30}}").get("job_id").asText();
    dan.await(a, status("running"), Waits.GENEROUS);
    dan.await(b, status("running"), Waits.GENEROUS);
    String one = "{\"job_type\":\"sleep\",\"params\":{\"seconds\":1}}";
    // when
    JsonNode created = create(dan, group("parallel", false, one, one, one, one));
    // then: every member is queued at once, and held while the slots are taken
    assertThat(memberStatuses(created)).containsOnly("queued");
    for (String id : ids(created)) {
      patiently("member " + id + " is held").until(() -> parked(runtime, id));
    }
    JsonNode held = dan.send("GET", "/v1/groups/" + created.get("group_id").asText(), null).body();
    assertThat(held.get("status").asText()).isEqualTo("queued");
    assertThat(held.at("/counts/running").asInt()).isZero();
    // when the slots free up, the members run, at most two at a time
    dan.send("DELETE", "/v1/jobs/" + a, null);
    dan.send("DELETE", "/v1/jobs/" + b, null);
    JsonNode done = awaitGroup(dan, created, "completed", "partial", "failed", "cancelled");
    assertThat(done.get("status").asText()).isEqualTo("completed");
    List<Instant[]> runs = ids(done).stream().map(id -> run(dan, id)).toList();
    assertThat(mostAtOnce(runs)).as("members running at once").isLessThanOrEqualTo(PER_OWNER);
  }

  /** The most runs in progress at one instant: a run that ends as another starts does not count. */
  private static int mostAtOnce(List<Instant[]> runs) {
    int most = 0;
    for (Instant[] r : runs) {
      Instant t = r[0]; // the count only rises at a start
      int atOnce = (int) runs.stream().filter(o -> !o[0].isAfter(t) && o[1].isAfter(t)).count();
      most = Math.max(most, atOnce);
    }
    return most;
  }

  @Test
  void cancelling_a_group_cancels_its_running_and_pending_members() {
    ApiClient eve = as("eve");
    JsonNode created =
        create(
            eve,
            group(
                "sequential",
                false,
                "{\"job_type\":\"sleep\",\"params\":{\"seconds\":60}}",
                OK,
                OK));
    List<String> ids = ids(created);
    eve.await(ids.get(0), status("running"), Waits.GENEROUS);
    // when
    ApiClient.Answer cancelled =
        eve.send("DELETE", "/v1/groups/" + created.get("group_id").asText(), null);
    // then
    assertThat(cancelled.status()).isEqualTo(200);
    assertThat(cancelled.body().get("status").asText()).isEqualTo("cancelled");
    assertThat(cancelled.body().get("finished_at").isNull()).isFalse();
    for (String id : ids) {
      assertThat(eve.job(id).get("status").asText()).isEqualTo("cancelled");
    }
    assertThat(memberStatuses(cancelled.body())).containsOnly("cancelled");
    assertThat(eve.job(ids.get(1)).get("attempts").asInt()).isZero();
    assertThat(
            eve.send("DELETE", "/v1/groups/" + created.get("group_id").asText(), null)
                .body()
                .get("status")
                .asText())
        .isEqualTo("cancelled");
  }

  @Test
  void the_members_not_yet_started_are_reordered_and_run_in_the_new_order() {
    ApiClient fay = as("fay");
    JsonNode created =
        create(
            fay,
            group(
                "sequential",
                false,
                "{\"job_type\":\"sleep\",\"params\":{\"seconds\":3}}",
                OK,
                OK));
    List<String> ids = ids(created);
    String path = "/v1/groups/" + created.get("group_id").asText();
    fay.await(ids.get(0), status("running"), Waits.GENEROUS);
    // when
    ApiClient.Answer started =
        fay.send("PATCH", path, "{\"job_ids\":[\"" + ids.get(0) + "\",\"" + ids.get(2) + "\"]}");
    ApiClient.Answer partial = fay.send("PATCH", path, "{\"job_ids\":[\"" + ids.get(2) + "\"]}");
    ApiClient.Answer moved =
        fay.send("PATCH", path, "{\"job_ids\":[\"" + ids.get(2) + "\",\"" + ids.get(1) + "\"]}");
    // then
    assertThat(started.status()).isEqualTo(409);
    assertThat(partial.status()).isEqualTo(409);
    assertThat(moved.status()).as(moved.body().toString()).isEqualTo(200);
    assertThat(ids(moved.body())).containsExactly(ids.get(0), ids.get(2), ids.get(1));
    JsonNode done = awaitGroup(fay, created, "completed", "partial", "failed", "cancelled");
    assertThat(done.get("status").asText()).isEqualTo("completed");
    ranInOrder(fay, List.of(ids.get(0), ids.get(2), ids.get(1)));
  }

  @Test
  void a_member_end_announced_again_by_a_retried_step_advances_the_group_once() {
    // given: the first member completed, the second runs, the third waits
    ApiClient hal = as("hal");
    JsonNode created =
        create(
            hal,
            group(
                "sequential",
                false,
                OK,
                "{\"job_type\":\"sleep\",\"params\":{\"seconds\":4}}",
                OK));
    List<String> ids = ids(created);
    hal.await(ids.get(1), status("running"), Waits.GENEROUS);
    // when: the completing step of the first member is retried twice, as Step Functions may,
    // through the steps the handler runs, on the runtime's own tables and queue
    Wiring wiring =
        new Wiring(
            new RuntimeEnvironment(
                    runtime.aws(),
                    runtime.stepFunctionsEndpoint(),
                    runtime.apiUrl(),
                    "a-callback-secret-of-enough-length")
                .forHandlers(StateMachines.arn(), runtime.schedulerEndpoint(), runtime.options()));
    Services services = new Services(wiring);
    JobSteps steps =
        new JobSteps(
            wiring.jobStore(),
            wiring.jobRunStore(),
            services.trackedJobEvents(),
            wiring.clock(),
            services.jobQueue());
    Job first = wiring.jobStore().find(UUID.fromString(ids.get(0))).orElseThrow();
    for (int retry = 0; retry < 2; retry++) {
      steps.complete(first.jobId(), first.attempts(), first.attemptStartedAt(), null, null);
    }
    // then: the third member was not released early; it runs once, after the second
    String path = "/v1/groups/" + created.get("group_id").asText();
    assertThat(memberStatuses(hal.send("GET", path, null).body()))
        .containsExactly("completed", "running", "pending");
    assertThat(hal.job(ids.get(2)).get("status").asText()).isEqualTo("pending");
    JsonNode done = awaitGroup(hal, created, "completed", "partial", "failed", "cancelled");
    assertThat(done.get("status").asText()).isEqualTo("completed");
    ranInOrder(hal, ids);
    assertThat(hal.job(ids.get(2)).get("attempts").asInt()).isEqualTo(1);
  }

  @Test
  void another_owner_gets_404_on_every_group_route() {
    ApiClient gus = as("gus");
    ApiClient intruder = new ApiClient(runtime);
    JsonNode created =
        create(
            gus,
            group("sequential", false, "{\"job_type\":\"sleep\",\"params\":{\"seconds\":2}}", OK));
    String path = "/v1/groups/" + created.get("group_id").asText();
    String reorder = "{\"job_ids\":[\"" + ids(created).get(1) + "\"]}";
    assertThat(intruder.send("GET", path, null).status()).isEqualTo(404);
    assertThat(intruder.send("DELETE", path, null).status()).isEqualTo(404);
    assertThat(intruder.send("PATCH", path, reorder).status()).isEqualTo(404);
    assertThat(
            intruder
                .send("GET", "/v1/groups", null)
                .body()
                .get("groups")
                .findValuesAsText("group_id"))
        .doesNotContain(created.get("group_id").asText());
    assertThat(intruder.send("GET", "/v1/jobs/" + ids(created).get(1), null).status())
        .isEqualTo(404);
    JsonNode done = awaitGroup(gus, created, "completed", "partial", "failed", "cancelled");
    assertThat(done.get("status").asText()).isEqualTo("completed");
    assertThat(
            gus.send("GET", "/v1/groups", null).body().get("groups").findValuesAsText("group_id"))
        .contains(created.get("group_id").asText());
  }
}
