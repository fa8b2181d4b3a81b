package dev.mljobs.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mljobs.testkit.Waits;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Templates end to end through the local runtime (DynamoDB Local, ElasticMQ, the S3 server, the
 * Step Functions emulator and a real worker): a job made from a template takes the merged params
 * and keeps them when the template changes; an archived template refuses jobs and stays readable; a
 * template is refused exactly as its job would be; stale edits answer 412.
 */
class TemplatesIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ALICES_KEY = "alices-template-key-0123456789";
  private static final String BOBS_KEY = "bobs-template-key-0123456789";
  private static final String MINILM = "sentence-transformers/all-MiniLM-L6-v2";

  private static LocalRuntime runtime;
  private static ApiClient alice;
  private static ApiClient bob;

  @BeforeAll
  static void start() throws Exception {
    System.setProperty("sun.net.httpserver.nodelay", "true");
    runtime =
        LocalRuntime.start(
            Options.forTests().withOwner("alice", ALICES_KEY).withOwner("bob", BOBS_KEY));
    alice = new ApiClient(runtime, ALICES_KEY);
    bob = new ApiClient(runtime, BOBS_KEY);
  }

  @AfterAll
  static void stop() {
    runtime.close();
  }

  static JsonNode created(ApiClient client, String body) {
    ApiClient.Answer answer = client.send("POST", "/v1/templates", body);
    assertThat(answer.status()).as("%s", answer.body()).isEqualTo(201);
    return answer.body();
  }

  private static ObjectNode json(String text) throws Exception {
    return (ObjectNode) JSON.readTree(text);
  }

  @Test
  void a_job_from_a_template_runs_with_the_merged_params_and_keeps_them() throws Exception {
    // given
    JsonNode template =
        created(
            alice,
            "{\"name\":\"nap\",\"job_type\":\"sleep\",\"priority\":8,\"max_attempts\":2,"
                + "\"default_params\":{\"seconds\":0,\"labels\":{\"team\":\"a\",\"env\":\"dev\"},"
                + "\"tags\":[\"x\",\"y\"]}}");
    String id = template.get("template_id").asText();
    assertThat(template.get("status").asText()).isEqualTo("active");
    assertThat(template.get("version").asInt()).isEqualTo(1);
    // when: a job overrides a nested field and an array, and sets its own ttl
    JsonNode job =
        alice.submit(
            "{\"template_id\":\""
                + id
                + "\",\"ttl_hours\":2,\"params\":{\"labels\":{\"env\":\"prod\"},\"tags\":[\"z\"]}}");
    // then
    ObjectNode merged =
        json("{\"seconds\":0,\"labels\":{\"team\":\"a\",\"env\":\"prod\"},\"tags\":[\"z\"]}");
    assertThat(job.get("params")).isEqualTo(merged);
    assertThat(job.get("job_type").asText()).isEqualTo("sleep");
    assertThat(job.get("template_id").asText()).isEqualTo(id);
    assertThat(job.get("priority").asInt()).isEqualTo(8);
    assertThat(job.get("max_attempts").asInt()).isEqualTo(2);
    assertThat(job.get("ttl_hours").asInt()).isEqualTo(2);
    String jobId = job.get("job_id").asText();
    // when: the template changes (the version read first), and once more from a stale version
    ApiClient.Answer edited =
        alice.send(
            "PATCH",
            "/v1/templates/" + id,
            "{\"default_params\":{\"seconds\":1},\"priority\":null}",
            Map.of("If-Match", "\"1\""));
    ApiClient.Answer stale =
        alice.send("PATCH", "/v1/templates/" + id, "{\"name\":\"late\"}", Map.of("If-Match", "1"));
    // then
    assertThat(edited.status()).as("%s", edited.body()).isEqualTo(200);
    assertThat(edited.body().get("version").asInt()).isEqualTo(2);
    assertThat(edited.body().get("priority").isNull()).isTrue();
    assertThat(edited.raw().headers().firstValue("ETag")).contains("\"2\"");
    assertThat(stale.status()).isEqualTo(412);
    assertThat(stale.raw().headers().firstValue("Content-Type"))
        .contains("application/problem+json");
    assertThat(alice.send("GET", "/v1/templates/" + id, null).body().get("name").asText())
        .isEqualTo("nap");
    // and the job it made keeps its params, in the job and in its run
    JsonNode done = alice.await(jobId, ApiClient.terminal(), Waits.GENEROUS);
    assertThat(done.get("status").asText()).isEqualTo("completed");
    assertThat(done.get("params")).isEqualTo(merged);
    JsonNode runs = alice.send("GET", "/v1/jobs/" + jobId + "/runs", null).body().get("runs");
    assertThat(runs).hasSize(1);
    assertThat(runs.get(0).get("params_snapshot")).isEqualTo(merged);
    assertThat(runs.get(0).get("template_id").asText()).isEqualTo(id);
    JsonNode history = alice.send("GET", "/v1/runs?template_id=" + id, null).body();
    assertThat(history.get("runs")).hasSize(1);
    assertThat(history.get("runs").get(0)).isEqualTo(runs.get(0));
    assertThat(history.get("next_cursor").isNull()).isTrue();
    // a job from the edited template takes the new defaults
    JsonNode later = alice.submit("{\"template_id\":\"" + id + "\"}");
    assertThat(later.get("params")).isEqualTo(json("{\"seconds\":1}"));
    assertThat(later.get("priority").asInt()).isEqualTo(5);
  }

  @Test
  void an_archived_template_refuses_new_jobs_and_everything_stays_readable() throws Exception {
    // given
    String id =
        created(
                alice,
                "{\"name\":\"old\",\"job_type\":\"sleep\",\"default_params\":{\"seconds\":0}}")
            .get("template_id")
            .asText();
    String jobId = alice.submit("{\"template_id\":\"" + id + "\"}").get("job_id").asText();
    alice.await(jobId, ApiClient.terminal(), Waits.GENEROUS);
    // when
    ApiClient.Answer archived = alice.send("POST", "/v1/templates/" + id + "/archive", null);
    ApiClient.Answer refused = alice.send("POST", "/v1/jobs", "{\"template_id\":\"" + id + "\"}");
    // then
    assertThat(archived.status()).isEqualTo(200);
    assertThat(archived.body().get("status").asText()).isEqualTo("archived");
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.raw().headers().firstValue("Content-Type"))
        .contains("application/problem+json");
    assertThat(refused.body().get("detail").asText()).contains("template " + id + " is archived");
    assertThat(alice.send("PATCH", "/v1/templates/" + id, "{\"name\":\"n\"}").status())
        .isEqualTo(409);
    assertThat(alice.send("POST", "/v1/templates/" + id + "/archive", null).status())
        .isEqualTo(200);
    assertThat(alice.send("GET", "/v1/templates/" + id, null).body().get("status").asText())
        .isEqualTo("archived");
    assertThat(alice.job(jobId).get("status").asText()).isEqualTo("completed");
    assertThat(alice.send("GET", "/v1/runs?template_id=" + id, null).body().get("runs")).hasSize(1);
    JsonNode archivedList = alice.send("GET", "/v1/templates?status=archived", null).body();
    assertThat(ids(archivedList.get("templates"))).contains(id);
    assertThat(ids(alice.send("GET", "/v1/templates?status=active", null).body().get("templates")))
        .doesNotContain(id);
  }

  @Test
  void a_template_is_refused_with_the_400_its_job_would_get() throws Exception {
    // each: the params and options of a job the API refuses
    List<String> refusedJobs =
        List.of(
            "\"job_type\":\"sleep\",\"params\":{\"seconds\":99999}",
            "\"job_type\":\"inference\",\"params\":{\"model_id\":\"no-such-model\","
                + "\"task_type\":\"txt2embed\",\"input_data\":{\"texts\":[\"a\"]}}",
            "\"job_type\":\"inference\",\"params\":{\"model_id\":\""
                + MINILM
                + "\",\"task_type\":\"image_classification\",\"input_data\":{\"texts\":[\"a\"]}}",
            "\"job_type\":\"inference\",\"params\":{\"model_id\":\""
                + MINILM
                + "\",\"task_type\":\"txt2embed\","
                + "\"input_data\":{\"image_uris\":[\"s3://mljobs-data/uploads/bob/a.png\"]}}",
            "\"job_type\":\"sleep\",\"params\":{\"seconds\":1},\"priority\":11",
            "\"job_type\":\"no_such_type\",\"params\":{}");
    for (String fields : refusedJobs) {
      // when
      ApiClient.Answer asJob = alice.send("POST", "/v1/jobs", "{" + fields + "}");
      String asTemplateBody =
          "{\"name\":\"t\"," + fields.replace("\"params\":", "\"default_params\":") + "}";
      ApiClient.Answer asTemplate = alice.send("POST", "/v1/templates", asTemplateBody);
      // then
      assertThat(asJob.status()).as(fields).isEqualTo(400);
      assertThat(asTemplate.status()).as(fields).isEqualTo(400);
      assertThat(asTemplate.body().get("errors")).as(fields).isEqualTo(asJob.body().get("errors"));
    }
    assertThat(alice.send("GET", "/v1/templates?limit=100", null).body().get("templates"))
        .allSatisfy(t -> assertThat(t.get("name").asText()).isNotEqualTo("t"));
  }

  @Test
  void a_jobs_overrides_are_checked_once_merged() {
    String id =
        created(
                alice,
                "{\"name\":\"ok\",\"job_type\":\"sleep\",\"default_params\":{\"seconds\":0}}")
            .get("template_id")
            .asText();
    ApiClient.Answer bad =
        alice.send(
            "POST", "/v1/jobs", "{\"template_id\":\"" + id + "\",\"params\":{\"seconds\":-1}}");
    ApiClient.Answer otherType =
        alice.send(
            "POST", "/v1/jobs", "{\"template_id\":\"" + id + "\",\"job_type\":\"inference\"}");
    ApiClient.Answer unknown = alice.send("POST", "/v1/jobs", "{\"template_id\":\"nope\"}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body().at("/errors/0/field").asText()).isEqualTo("params.seconds");
    assertThat(otherType.status()).isEqualTo(400);
    assertThat(otherType.body().at("/errors/0/field").asText()).isEqualTo("job_type");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.body().at("/errors/0/field").asText()).isEqualTo("template_id");
  }

  @Test
  void templates_are_listed_newest_first_in_pages() {
    List<String> made = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      made.add(
          0,
          created(
                  alice,
                  "{\"name\":\"page-"
                      + i
                      + "\",\"job_type\":\"sleep\",\"default_params\":{\"seconds\":0}}")
              .get("template_id")
              .asText());
    }
    List<String> seen = new ArrayList<>();
    String cursor = null;
    do {
      JsonNode page =
          alice
              .send(
                  "GET",
                  "/v1/templates?limit=2" + (cursor == null ? "" : "&cursor=" + cursor),
                  null)
              .body();
      assertThat(page.get("templates").size()).isLessThanOrEqualTo(2);
      seen.addAll(ids(page.get("templates")));
      cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
    } while (cursor != null);
    assertThat(seen).containsSubsequence(made);
    assertThat(seen).doesNotHaveDuplicates();
    assertThat(alice.send("GET", "/v1/templates?cursor=garbage", null).status()).isEqualTo(400);
    assertThat(alice.send("GET", "/v1/templates?limit=0", null).status()).isEqualTo(400);
    assertThat(alice.send("GET", "/v1/templates?status=gone", null).status()).isEqualTo(400);
  }

  @Test
  void another_owner_gets_404_on_every_template_route_and_none_of_the_runs() {
    // given: alice's template, a job of it and its run
    String secretName = "alices-secret-template-name";
    String id =
        created(
                alice,
                "{\"name\":\""
                    + secretName
                    + "\",\"job_type\":\"sleep\",\"default_params\":{\"seconds\":0}}")
            .get("template_id")
            .asText();
    String jobId = alice.submit("{\"template_id\":\"" + id + "\"}").get("job_id").asText();
    alice.await(jobId, ApiClient.terminal(), Waits.GENEROUS);
    // when / then: every route answers bob as if the template did not exist
    List<ApiClient.Answer> answers =
        List.of(
            bob.send("GET", "/v1/templates/" + id, null),
            bob.send("PATCH", "/v1/templates/" + id, "{\"name\":\"mine\"}"),
            bob.send(
                "PATCH", "/v1/templates/" + id, "{\"name\":\"mine\"}", Map.of("If-Match", "1")),
            bob.send("POST", "/v1/templates/" + id + "/archive", null));
    for (ApiClient.Answer answer : answers) {
      assertThat(answer.status()).isEqualTo(404);
      assertThat(answer.raw().body()).doesNotContain(secretName);
    }
    ApiClient.Answer job = bob.send("POST", "/v1/jobs", "{\"template_id\":\"" + id + "\"}");
    assertThat(job.status()).isEqualTo(400);
    assertThat(job.body().at("/errors/0/field").asText()).isEqualTo("template_id");
    assertThat(job.raw().body()).doesNotContain(secretName);
    assertThat(bob.send("GET", "/v1/templates", null).body().get("templates")).isEmpty();
    assertThat(bob.send("GET", "/v1/runs?template_id=" + id, null).body().get("runs")).isEmpty();
    assertThat(bob.send("GET", "/v1/runs", null).body().get("runs")).isEmpty();
    // and alice's template is as it was
    JsonNode still = alice.send("GET", "/v1/templates/" + id, null).body();
    assertThat(still.get("name").asText()).isEqualTo(secretName);
    assertThat(still.get("status").asText()).isEqualTo("active");
    assertThat(still.get("version").asInt()).isEqualTo(1);
    assertThat(alice.send("GET", "/v1/runs?template_id=" + id, null).body().get("runs")).hasSize(1);
  }

  @Test
  void a_job_file_in_s3_may_name_a_template_and_an_archived_one_explains_itself() throws Exception {
    // given
    String id =
        created(
                alice,
                "{\"name\":\"from-s3\",\"job_type\":\"sleep\",\"priority\":9,"
                    + "\"default_params\":{\"seconds\":0,\"tag\":\"s3-template\"}}")
            .get("template_id")
            .asText();
    String archived =
        created(
                alice,
                "{\"name\":\"gone\",\"job_type\":\"sleep\",\"default_params\":{\"seconds\":0}}")
            .get("template_id")
            .asText();
    alice.send("POST", "/v1/templates/" + archived + "/archive", null);
    var s3 = runtime.aws().s3();
    // when
    s3.putObject(
        b -> b.bucket("mljobs-data").key("inputs/alice/templated.job.json"),
        software.amazon.awssdk.core.sync.RequestBody.fromString(
            "{\"template_id\":\"" + id + "\",\"params\":{\"seconds\":0}}"));
    s3.putObject(
        b -> b.bucket("mljobs-data").key("inputs/alice/archived.job.json"),
        software.amazon.awssdk.core.sync.RequestBody.fromString(
            "{\"template_id\":\"" + archived + "\"}"));
    // then: one job of the template, with its defaults
    JsonNode job =
        Waits.patiently("a job from the file")
            .until(
                () -> alice.send("GET", "/v1/jobs?limit=100", null).body().get("jobs"),
                jobs -> {
                  for (JsonNode j : jobs) {
                    if (id.equals(j.path("template_id").asText())) {
                      return true;
                    }
                  }
                  return false;
                });
    JsonNode fromFile = null;
    for (JsonNode j : job) {
      if (id.equals(j.path("template_id").asText())) {
        fromFile = j;
      }
    }
    assertThat(fromFile.at("/params/tag").asText()).isEqualTo("s3-template");
    assertThat(fromFile.get("priority").asInt()).isEqualTo(9);
    // and the file naming the archived template got the 409 next to it
    String error =
        Waits.patiently("the archived template's error file")
            .until(
                () -> {
                  try {
                    return s3.getObjectAsBytes(
                            b ->
                                b.bucket("mljobs-data")
                                    .key("inputs/alice/archived.job.json.error.json"))
                        .asUtf8String();
                  } catch (software.amazon.awssdk.services.s3.model.NoSuchKeyException e) {
                    return null;
                  }
                },
                text -> text != null);
    assertThat(error).contains("\"status\":409").contains("template " + archived + " is archived");
  }

  static List<String> ids(JsonNode templates) {
    List<String> ids = new ArrayList<>();
    templates.forEach(t -> ids.add(t.get("template_id").asText()));
    return ids;
  }
}
