package dev.mljobs.handlers.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mljobs.core.job.JobQuery;
import dev.mljobs.testkit.SettableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The group routes over in-memory stores: validation, owners, reorder conflicts. */
class GroupsApiTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SLEEP = "{\"job_type\":\"sleep\",\"params\":{\"seconds\":0}}";

  private TestApi test;

  @BeforeEach
  void setUp() {
    test = new TestApi(new SettableClock(Instant.parse("2026-03-01T10:00:00Z")));
  }

  private record Answer(int status, JsonNode body) {}

  private Answer call(String method, String path, String owner, String body) {
    Map<String, String> headers =
        body == null ? Map.of() : Map.of("content-type", "application/json");
    APIGatewayV2HTTPResponse r =
        test.handler.handleRequest(
            ApiEvents.event(method, path, owner, body, headers), ApiEvents.CONTEXT);
    try {
      return new Answer(r.getStatusCode(), JSON.readTree(r.getBody()));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private JsonNode create(String owner, String mode, String... members) {
    Answer a =
        call(
            "POST",
            "/v1/groups",
            owner,
            "{\"mode\":\"" + mode + "\",\"jobs\":[" + String.join(",", members) + "]}");
    assertThat(a.status()).as(a.body().toString()).isEqualTo(201);
    return a.body();
  }

  private List<String> members(JsonNode group) {
    List<String> ids = new ArrayList<>();
    group.get("members").forEach(m -> ids.add(m.get("job_id").asText()));
    return ids;
  }

  private int storedJobs() {
    return test.store.list(JobQuery.byOwner("alice").withLimit(100)).jobs().size();
  }

  @Test
  void one_bad_member_refuses_the_whole_group_naming_its_field() {
    // when
    Answer a =
        call(
            "POST",
            "/v1/groups",
            "alice",
            "{\"mode\":\"sequential\",\"jobs\":["
                + String.join(",", SLEEP, SLEEP, SLEEP)
                + ",{\"job_type\":\"sleep\",\"params\":{}},"
                + "{\"job_type\":\"sleep\",\"group_id\":\"g\",\"params\":{\"seconds\":1}}]}");
    // then
    assertThat(a.status()).isEqualTo(400);
    assertThat(a.body().get("errors").findValuesAsText("field"))
        .containsExactly("jobs[3].params.seconds", "jobs[4].group_id");
    assertThat(storedJobs()).isZero();
    assertThat(test.groups.list("alice", 10, null).groups()).isEmpty();
  }

  @Test
  void a_member_may_name_a_template_and_an_archived_or_unknown_one_refuses_the_group() {
    // given: a template of sleep jobs, and another one archived
    Answer template =
        call(
            "POST",
            "/v1/templates",
            "alice",
            "{\"name\":\"nap\",\"job_type\":\"sleep\",\"default_params\":{\"seconds\":7}}");
    assertThat(template.status()).as(template.body().toString()).isEqualTo(201);
    String id = template.body().get("template_id").asText();
    Answer other =
        call(
            "POST",
            "/v1/templates",
            "alice",
            "{\"name\":\"old\",\"job_type\":\"sleep\",\"default_params\":{\"seconds\":1}}");
    String archived = other.body().get("template_id").asText();
    assertThat(call("POST", "/v1/templates/" + archived + "/archive", "alice", null).status())
        .isEqualTo(200);
    // when
    JsonNode group = create("alice", "parallel", "{\"template_id\":\"" + id + "\"}", SLEEP);
    Answer refused =
        call(
            "POST",
            "/v1/groups",
            "alice",
            "{\"mode\":\"parallel\",\"jobs\":[{\"template_id\":\""
                + archived
                + "\"},{\"template_id\":\"nope\"},"
                + SLEEP
                + "]}");
    // then: the member has the template's defaults; the refused group stored nothing
    JsonNode member = call("GET", "/v1/jobs/" + members(group).get(0), "alice", null).body();
    assertThat(member.get("template_id").asText()).isEqualTo(id);
    assertThat(member.at("/params/seconds").asInt()).isEqualTo(7);
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body().get("errors").findValuesAsText("field"))
        .containsExactly("jobs[0].template_id", "jobs[1].template_id");
    assertThat(storedJobs()).isEqualTo(2);
  }

  @Test
  void the_group_fields_are_checked_strictly() {
    Answer a =
        call(
            "POST",
            "/v1/groups",
            "alice",
            "{\"mode\":\"both\",\"stop_on_failure\":\"yes\",\"colour\":1,\"jobs\":[]}");
    assertThat(a.status()).isEqualTo(400);
    assertThat(a.body().get("errors").findValuesAsText("field"))
        .containsExactlyInAnyOrder("colour", "mode", "stop_on_failure", "jobs");
    assertThat(call("POST", "/v1/groups", "alice", "[]").status()).isEqualTo(400);
  }

  @Test
  void a_sequential_group_is_created_with_only_its_first_member_queued() {
    JsonNode group = create("alice", "sequential", SLEEP, SLEEP);
    assertThat(group.get("status").asText()).isEqualTo("queued");
    assertThat(group.get("members").findValuesAsText("status"))
        .containsExactly("queued", "pending");
    assertThat(group.at("/counts/pending").asInt()).isEqualTo(1);
    JsonNode job = call("GET", "/v1/jobs/" + members(group).get(1), "alice", null).body();
    assertThat(job.get("group_id").asText()).isEqualTo(group.get("group_id").asText());
    assertThat(test.queue.sent()).hasSize(1);
  }

  @Test
  void another_owner_gets_404_on_every_group_route_and_changes_nothing() {
    JsonNode group = create("alice", "sequential", SLEEP, SLEEP, SLEEP);
    String path = "/v1/groups/" + group.get("group_id").asText();
    List<String> pending = members(group).subList(1, 3);
    String reorder = "{\"job_ids\":[\"" + pending.get(1) + "\",\"" + pending.get(0) + "\"]}";
    assertThat(call("GET", path, "bob", null).status()).isEqualTo(404);
    assertThat(call("DELETE", path, "bob", null).status()).isEqualTo(404);
    assertThat(call("PATCH", path, "bob", reorder).status()).isEqualTo(404);
    assertThat(call("GET", "/v1/groups", "bob", null).body().get("groups")).isEmpty();
    assertThat(call("GET", path, "alice", null).body()).isEqualTo(group);
    assertThat(call("GET", "/v1/groups/not-a-uuid", "alice", null).status()).isEqualTo(404);
  }

  @Test
  void reordering_answers_409_for_a_started_member_or_a_list_that_is_no_permutation() {
    JsonNode group = create("alice", "sequential", SLEEP, SLEEP, SLEEP);
    String path = "/v1/groups/" + group.get("group_id").asText();
    List<String> ids = members(group);
    Answer started =
        call(
            "PATCH",
            path,
            "alice",
            "{\"job_ids\":[\"" + ids.get(0) + "\",\"" + ids.get(2) + "\"]}");
    Answer missing = call("PATCH", path, "alice", "{\"job_ids\":[\"" + ids.get(2) + "\"]}");
    Answer notIds = call("PATCH", path, "alice", "{\"job_ids\":[\"x\"],\"more\":1}");
    Answer moved =
        call(
            "PATCH",
            path,
            "alice",
            "{\"job_ids\":[\"" + ids.get(2) + "\",\"" + ids.get(1) + "\"]}");
    assertThat(started.status()).isEqualTo(409);
    assertThat(missing.status()).isEqualTo(409);
    assertThat(notIds.status()).isEqualTo(400);
    assertThat(notIds.body().get("errors").findValuesAsText("field"))
        .containsExactlyInAnyOrder("job_ids[0]", "more");
    assertThat(moved.status()).isEqualTo(200);
    assertThat(members(moved.body())).containsExactly(ids.get(0), ids.get(2), ids.get(1));
  }

  @Test
  void groups_are_listed_newest_first_in_pages_without_members() {
    create("alice", "parallel", SLEEP);
    create("alice", "parallel", SLEEP);
    create("alice", "parallel", SLEEP);
    Answer first = call("GET", "/v1/groups?limit=2", "alice", null);
    assertThat(first.body().get("groups")).hasSize(2);
    assertThat(first.body().get("groups").get(0).has("members")).isFalse();
    String cursor = first.body().get("next_cursor").asText();
    Answer second = call("GET", "/v1/groups?limit=2&cursor=" + cursor, "alice", null);
    assertThat(second.body().get("groups")).hasSize(1);
    assertThat(second.body().get("next_cursor").isNull()).isTrue();
    assertThat(call("GET", "/v1/groups?cursor=bogus", "alice", null).status()).isEqualTo(400);
  }
}
