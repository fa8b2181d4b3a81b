package dev.mljobs.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mljobs.testkit.Waits;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /v1/runs} through the local runtime: an owner's runs across jobs, newest first, paged,
 * filtered by template, group and status, with the runs of failed, retried and cancelled attempts;
 * another owner sees none of them. (Runs of scheduled jobs are filtered the same way; the schedule
 * routes that make them come with the schedules.)
 */
class RunHistoryIT {

  private static final String CAROLS_KEY = "carols-history-key-0123456789";
  private static final String DAVES_KEY = "daves-history-key-0123456789";
  private static final String ERINS_KEY = "erins-history-key-0123456789";

  private static LocalRuntime runtime;
  private static ApiClient carol;
  private static ApiClient dave;
  private static ApiClient erin;

  @BeforeAll
  static void start() throws Exception {
    System.setProperty("sun.net.httpserver.nodelay", "true");
    runtime =
        LocalRuntime.start(
            Options.forTests()
                .withOwner("carol", CAROLS_KEY)
                .withOwner("dave", DAVES_KEY)
                .withOwner("erin", ERINS_KEY));
    carol = new ApiClient(runtime, CAROLS_KEY);
    dave = new ApiClient(runtime, DAVES_KEY);
    erin = new ApiClient(runtime, ERINS_KEY);
  }

  @AfterAll
  static void stop() {
    runtime.close();
  }

  private static String ended(ApiClient client, String body) {
    String id = client.submit(body).get("job_id").asText();
    client.await(id, ApiClient.terminal(), Waits.GENEROUS);
    return id;
  }

  private static JsonNode runs(ApiClient client, String query) {
    ApiClient.Answer answer = client.send("GET", "/v1/runs" + query, null);
    assertThat(answer.status()).as("%s", answer.body()).isEqualTo(200);
    return answer.body();
  }

  @Test
  void an_owners_runs_across_jobs_newest_first_in_pages_and_filtered() {
    // given: a job retried once (a failed run, then a completed one), one in a group, one
    // cancelled while running, each ended before the next starts
    String retried =
        ended(
            carol,
            "{\"job_type\":\"sleep\",\"max_attempts\":2,"
                + "\"params\":{\"seconds\":0,\"fail_until_attempt\":1}}");
    String grouped =
        ended(carol, "{\"job_type\":\"sleep\",\"group_id\":\"g-1\",\"params\":{\"seconds\":0}}");
    String cancelled =
        carol.submit("{\"job_type\":\"sleep\",\"params\":{\"seconds\":60}}").get("job_id").asText();
    carol.await(cancelled, ApiClient.status("running"), Waits.GENEROUS);
    assertThat(carol.send("DELETE", "/v1/jobs/" + cancelled, null).status()).isEqualTo(200);
    ended(dave, "{\"job_type\":\"sleep\",\"group_id\":\"g-1\",\"params\":{\"seconds\":0}}");
    // when: carol pages through her history two runs at a time
    List<JsonNode> seen = new ArrayList<>();
    String cursor = null;
    do {
      JsonNode page = runs(carol, "?limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
      assertThat(page.get("runs").size()).isLessThanOrEqualTo(2);
      page.get("runs").forEach(seen::add);
      cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
    } while (cursor != null);
    // then: newest first, across her jobs only, each run as the job's own runs show it
    assertThat(seen)
        .extracting(r -> r.get("job_id").asText() + "/" + r.get("status").asText())
        .containsExactly(
            cancelled + "/cancelled",
            grouped + "/completed",
            retried + "/completed",
            retried + "/failed");
    assertThat(seen.get(3))
        .isEqualTo(carol.send("GET", "/v1/jobs/" + retried + "/runs", null).body().at("/runs/0"));
    assertThat(seen.get(3).get("error").asText()).isNotBlank();
    assertThat(seen.get(1).get("group_id").asText()).isEqualTo("g-1");
    // filtered
    assertThat(runs(carol, "?status=failed").get("runs"))
        .extracting(r -> r.get("job_id").asText())
        .containsExactly(retried);
    assertThat(runs(carol, "?group_id=g-1").get("runs"))
        .extracting(r -> r.get("job_id").asText())
        .containsExactly(grouped);
    assertThat(runs(carol, "?status=cancelled&limit=1").get("runs"))
        .extracting(r -> r.get("job_id").asText())
        .containsExactly(cancelled);
    assertThat(runs(carol, "?template_id=none-of-hers").get("runs")).isEmpty();
    // and dave sees only his own run, also when he names carol's group
    assertThat(runs(dave, "").get("runs")).hasSize(1);
    assertThat(runs(dave, "?group_id=g-1").get("runs"))
        .extracting(r -> r.get("job_id").asText())
        .doesNotContain(grouped);
  }

  @Test
  void a_run_on_batch_keeps_its_batch_job_exit_code_and_log_stream() {
    // given: a job whose first attempt fails on Batch and whose second completes there, and one
    // that fails on Lambda
    String id =
        ended(
            erin,
            "{\"job_type\":\"sleep\",\"max_attempts\":2,\"group_id\":\"on-batch\","
                + "\"params\":{\"seconds\":0,\"fail_until_attempt\":1,\"runtime\":\"batch\"}}");
    ended(
        erin,
        "{\"job_type\":\"sleep\",\"max_attempts\":1,\"group_id\":\"on-lambda\","
            + "\"params\":{\"seconds\":0,\"fail_until_attempt\":1}}");
    // when
    JsonNode onBatch = runs(erin, "?group_id=on-batch").get("runs");
    JsonNode onLambda = runs(erin, "?group_id=on-lambda").get("runs");
    // then: newest first, the completed attempt then the failed one
    assertThat(onBatch).hasSize(2);
    JsonNode completed = onBatch.get(0);
    JsonNode failed = onBatch.get(1);
    assertThat(completed.get("job_id").asText()).isEqualTo(id);
    assertThat(completed.get("status").asText()).isEqualTo("completed");
    assertThat(completed.get("worker_id").asText()).isNotBlank();
    assertThat(completed.get("exit_code").asInt()).isZero();
    assertThat(failed.get("status").asText()).isEqualTo("failed");
    assertThat(failed.get("exit_code").asInt()).isEqualTo(1);
    assertThat(failed.get("worker_id").asText())
        .isNotBlank()
        .isNotEqualTo(completed.get("worker_id").asText());
    assertThat(failed.get("log_path").asText()).isNotBlank();
    // a Lambda attempt tells none of these
    assertThat(onLambda).hasSize(1);
    assertThat(onLambda.get(0).get("status").asText()).isEqualTo("failed");
    assertThat(onLambda.get(0).get("worker_id").isNull()).isTrue();
    assertThat(onLambda.get(0).get("exit_code").isNull()).isTrue();
    assertThat(onLambda.get(0).get("log_path").isNull()).isTrue();
  }

  @Test
  void wrong_listing_parameters_are_400s_naming_the_parameter() {
    for (String query :
        List.of("?status=done", "?limit=0", "?limit=101", "?cursor=abc", "?group_id=a%20b")) {
      ApiClient.Answer answer = carol.send("GET", "/v1/runs" + query, null);
      assertThat(answer.status()).as(query).isEqualTo(400);
      String field = query.substring(1, query.indexOf('='));
      assertThat(answer.body().at("/errors/0/field").asText()).as(query).isEqualTo(field);
    }
  }
}
