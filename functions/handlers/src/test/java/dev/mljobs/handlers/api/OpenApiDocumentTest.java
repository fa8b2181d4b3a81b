package dev.mljobs.handlers.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.mljobs.core.group.GroupMode;
import dev.mljobs.core.group.GroupStatus;
import dev.mljobs.core.group.JobGroup;
import dev.mljobs.core.job.Callback;
import dev.mljobs.core.job.Job;
import dev.mljobs.core.job.JobParams;
import dev.mljobs.core.job.JobQuery;
import dev.mljobs.core.job.JobRun;
import dev.mljobs.core.job.JobStatus;
import dev.mljobs.core.job.JobType;
import dev.mljobs.core.job.NewJob;
import dev.mljobs.core.job.RunQuery;
import dev.mljobs.core.job.RunStatus;
import dev.mljobs.core.model.BuiltInModels;
import dev.mljobs.core.model.ModelRequest;
import dev.mljobs.core.model.TaskType;
import dev.mljobs.core.storage.UploadRequest;
import dev.mljobs.core.storage.Uploads;
import dev.mljobs.core.template.JobDefaults;
import dev.mljobs.core.template.JobTemplate;
import dev.mljobs.core.template.TemplateQuery;
import dev.mljobs.core.template.TemplateStatus;
import dev.mljobs.testkit.ModelStoreContract;
import dev.mljobs.testkit.SettableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code docs/openapi.yaml} and the code in step: routes, the fields of jobs, runs, requests
 * and problems, the enums, ranges and defaults are read from the code and compared with the
 * document.
 */
class OpenApiDocumentTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> METHODS =
      Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private static JsonNode doc;

  private ApiHandler api;

  @BeforeAll
  static void readDocument() throws IOException {
    doc = new ObjectMapper(new YAMLFactory()).readTree(documentPath().toFile());
  }

  /** {@code docs/openapi.yaml} of the repository, found from the module's directory upwards. */
  private static Path documentPath() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("docs").resolve("openapi.yaml");
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "docs/openapi.yaml not found above " + Path.of("").toAbsolutePath());
  }

  @BeforeEach
  void setUp() {
    api = new TestApi(new SettableClock(T0)).handler;
  }

  @Test
  void is_an_openapi_3_1_document_whose_references_all_resolve() {
    assertThat(doc.path("openapi").asText()).startsWith("3.1.");
    List<String> refs = new ArrayList<>();
    collectRefs(doc, refs);
    assertThat(refs).isNotEmpty();
    for (String ref : refs) {
      assertThat(ref).startsWith("#/");
      assertThat(doc.at(ref.substring(1)).isMissingNode()).as("$ref %s resolves", ref).isFalse();
    }
  }

  @Test
  void documents_exactly_the_routes_the_handler_serves() {
    assertThat(documentedOperations().keySet()).isEqualTo(api.routes());
  }

  @Test
  void operations_are_guarded_as_documented() throws Exception {
    documentedOperations()
        .forEach(
            (route, operation) -> {
              String method = route.substring(0, route.indexOf(' '));
              String path = route.substring(route.indexOf(' ') + 1);
              String concrete =
                  path.replace("{job_id}", UUID.randomUUID().toString())
                      .replace("{group_id}", UUID.randomUUID().toString());
              String body = operation.has("requestBody") ? "{}" : null;
              Set<String> schemes = new TreeSet<>();
              JsonNode security =
                  operation.has("security") ? operation.get("security") : doc.get("security");
              security.forEach(
                  requirement -> requirement.fieldNames().forEachRemaining(schemes::add));
              int anonymous = call(method, concrete, null, body).getStatusCode();
              int withKey = call(method, concrete, "alice", body).getStatusCode();
              if (schemes.isEmpty()) {
                assertThat(anonymous).as("%s needs no credentials", route).isNotEqualTo(401);
              } else if (schemes.equals(Set.of("apiKey"))) {
                assertThat(anonymous).as("%s without an identity", route).isEqualTo(401);
                assertThat(withKey).as("%s with an identity", route).isNotEqualTo(401);
                assertThat(operation.at("/responses/401").isMissingNode()).isFalse();
              } else {
                assertThat(schemes).as(route).containsExactly("callbackToken");
                assertThat(anonymous).as("%s without a token", route).isEqualTo(401);
                assertThat(withKey).as("%s refuses the API key", route).isEqualTo(401);
              }
            });
  }

  @Test
  void the_job_schema_has_exactly_the_fields_the_api_writes() {
    JsonNode schema = schema("Job");
    ObjectNode minimal = JobJson.job(pendingJob(), null);
    ObjectNode full = JobJson.job(jobWithEverySet(), 3L);
    assertThat(names(full)).isEqualTo(names(schema.get("properties")));
    assertThat(names(minimal)).isEqualTo(texts(schema.get("required")));
    assertThat(schema.path("additionalProperties").asBoolean(true)).isFalse();
    minimal
        .properties()
        .forEach(
            f -> {
              JsonNode property = schema.get("properties").get(f.getKey());
              assertThat(allowsNull(property))
                  .as("Job.%s is nullable in the document", f.getKey())
                  .isEqualTo(f.getValue().isNull());
            });
    full.properties()
        .forEach(
            f -> {
              assertThat(f.getValue().isNull()).as("Job.%s is set", f.getKey()).isFalse();
              assertThat(matchesType(schema.get("properties").get(f.getKey()), f.getValue()))
                  .as("Job.%s = %s has the documented type", f.getKey(), f.getValue())
                  .isTrue();
            });
    String pattern = schema("Timestamp").get("pattern").asText();
    assertThat(full.get("created_at").asText()).matches(pattern);
    assertThat(full.get("expires_at").asText()).matches(pattern);
    assertThat(schema.at("/properties/queued_at/pattern").asText()).isEqualTo(pattern);
  }

  @Test
  void the_group_schemas_have_exactly_the_fields_the_api_reads_and_writes() {
    assertThat(names(schema("GroupRequest").get("properties")))
        .isEqualTo(GroupRequestParser.FIELDS);
    assertThat(names(schema("GroupReorder").get("properties"))).isEqualTo(GroupsApi.REORDER_FIELDS);
    UUID member = UUID.randomUUID();
    JobGroup group =
        JobGroup.create(
                UUID.randomUUID().toString(),
                "nightly",
                GroupMode.SEQUENTIAL,
                true,
                List.of(member),
                "alice",
                T0)
            .observe(member, JobStatus.FAILED, 2, T0.plusSeconds(1));
    JsonNode schema = schema("Group");
    ObjectNode full = GroupJson.group(group);
    ObjectNode summary = GroupJson.summary(group);
    assertThat(names(full)).isEqualTo(names(schema.get("properties")));
    assertThat(names(summary)).isEqualTo(texts(schema.get("required")));
    assertThat(names(full.get("counts")))
        .isEqualTo(names(schema.at("/properties/counts/properties")));
    assertThat(names(full.get("members").get(0)))
        .isEqualTo(names(schema("GroupMember").get("properties")));
    full.properties()
        .forEach(
            f ->
                assertThat(matchesType(schema.get("properties").get(f.getKey()), f.getValue()))
                    .as("Group.%s = %s has the documented type", f.getKey(), f.getValue())
                    .isTrue());
    assertThat(texts(schema("GroupStatus").get("enum")))
        .isEqualTo(
            Arrays.stream(GroupStatus.values())
                .map(GroupStatus::wireName)
                .collect(Collectors.toSet()));
  }

  @Test
  void the_job_run_schema_has_exactly_the_fields_the_api_writes() {
    JsonNode schema = schema("JobRun");
    JobRun run =
        new JobRun(
            "r:1",
            UUID.randomUUID(),
            1,
            JsonNodeFactory.instance.objectNode().put("seconds", 1),
            null,
            null,
            null,
            null,
            RunStatus.COMPLETED,
            T0,
            T0.plusMillis(1500),
            null,
            null,
            null,
            List.of(),
            null);
    ObjectNode json = JobJson.run(run);
    assertThat(names(json)).isEqualTo(names(schema.get("properties")));
    assertThat(names(json)).isEqualTo(texts(schema.get("required")));
    json.properties()
        .forEach(
            f ->
                assertThat(matchesType(schema.get("properties").get(f.getKey()), f.getValue()))
                    .as("JobRun.%s = %s has the documented type", f.getKey(), f.getValue())
                    .isTrue());
    assertThat(texts(schema("RunStatus").get("enum")))
        .isEqualTo(
            Arrays.stream(RunStatus.values()).map(RunStatus::wireName).collect(Collectors.toSet()));
  }

  @Test
  void the_job_request_schema_has_exactly_the_fields_the_parser_accepts() {
    JsonNode schema = schema("JobRequest");
    assertThat(names(schema.get("properties"))).isEqualTo(JobRequestParser.FIELDS);
    assertThat(schema.path("additionalProperties").asBoolean(true)).isFalse();
    assertThat(schema.has("required")).isFalse();
    Set<String> eitherOf = new HashSet<>();
    schema.get("anyOf").forEach(branch -> eitherOf.addAll(texts(branch.get("required"))));
    assertThat(eitherOf).containsExactlyInAnyOrder("job_type", "template_id");
  }

  @Test
  void the_template_schemas_have_exactly_the_fields_the_api_reads_and_writes() {
    assertThat(names(schema("TemplateRequest").get("properties")))
        .isEqualTo(TemplateRequestParser.FIELDS);
    assertThat(names(schema("TemplatePatch").get("properties")))
        .isEqualTo(TemplateRequestParser.EDITABLE);
    assertThat(texts(schema("TemplateRequest").get("required")))
        .containsExactlyInAnyOrder("name", "job_type");
    JobTemplate full =
        JobTemplate.create(
                "5f0c1c1e-8a53-4a8e-9d0e-1f7d1b1b2c3d",
                "n",
                "sleep",
                JsonNodeFactory.instance.objectNode().put("seconds", 1),
                "d",
                new JobDefaults(1, 2, 3, 4),
                "alice",
                T0)
            .withVersion(1);
    ObjectNode json = TemplateJson.template(full);
    JsonNode schema = schema("Template");
    assertThat(names(json)).isEqualTo(names(schema.get("properties")));
    assertThat(names(json)).isEqualTo(texts(schema.get("required")));
    json.properties()
        .forEach(
            f ->
                assertThat(matchesType(schema.get("properties").get(f.getKey()), f.getValue()))
                    .as("Template.%s = %s has the documented type", f.getKey(), f.getValue())
                    .isTrue());
    assertThat(texts(schema("TemplateStatus").get("enum")))
        .isEqualTo(
            Arrays.stream(TemplateStatus.values())
                .map(TemplateStatus::wireName)
                .collect(Collectors.toSet()));
    for (String name : List.of("priority", "max_attempts", "timeout_seconds", "ttl_hours")) {
      JsonNode template = schema("TemplateRequest").at("/properties/" + name);
      JsonNode job = schema("JobRequest").at("/properties/" + name);
      assertThat(template.get("minimum")).as(name).isEqualTo(job.get("minimum"));
      assertThat(template.get("maximum")).as(name).isEqualTo(job.get("maximum"));
      assertThat(schema("TemplatePatch").at("/properties/" + name)).as(name).isEqualTo(template);
    }
  }

  @Test
  void documents_the_run_history_listing() {
    Set<String> names = new HashSet<>();
    doc.at("/paths/~1v1~1runs/get/parameters").forEach(p -> names.add(p.get("name").asText()));
    assertThat(names)
        .containsExactlyInAnyOrder(
            "template_id", "schedule_id", "group_id", "status", "limit", "cursor");
    JsonNode limit = parameter("/v1/runs", "get", "limit").get("schema");
    assertThat(limit.get("maximum").asInt()).isEqualTo(RunQuery.MAX_LIMIT);
    assertThat(limit.get("default").asInt()).isEqualTo(RunQuery.DEFAULT_LIMIT);
    JsonNode templates = parameter("/v1/templates", "get", "limit").get("schema");
    assertThat(templates.get("maximum").asInt()).isEqualTo(TemplateQuery.MAX_LIMIT);
    assertThat(templates.get("default").asInt()).isEqualTo(TemplateQuery.DEFAULT_LIMIT);
  }

  @Test
  void the_job_request_ranges_lengths_and_defaults_are_the_parsers() throws Exception {
    JsonNode properties = schema("JobRequest").get("properties");
    NewJob defaults = parse(validRequest());
    for (var property : properties.properties()) {
      String name = property.getKey();
      JsonNode spec = property.getValue();
      if (spec.has("minimum")) {
        int min = spec.get("minimum").asInt();
        int max = spec.get("maximum").asInt();
        assertThat(component(parse(validRequest().put(name, min)), name)).isEqualTo(min);
        assertThat(component(parse(validRequest().put(name, max)), name)).isEqualTo(max);
        assertThat(rejectedFields(validRequest().put(name, min - 1))).containsExactly(name);
        assertThat(rejectedFields(validRequest().put(name, max + 1))).containsExactly(name);
        Object fallback = component(defaults, name);
        if (spec.has("default")) {
          assertThat(fallback).as("default of %s", name).isEqualTo(spec.get("default").asInt());
        } else {
          assertThat(fallback).as("%s has no default", name).isNull();
        }
      }
      if (spec.has("maxLength")) {
        int max = spec.get("maxLength").asInt();
        parse(validRequest().put(name, "k".repeat(max)));
        assertThat(rejectedFields(validRequest().put(name, "k".repeat(max + 1))))
            .containsExactly(name);
      }
    }
  }

  @Test
  void every_documented_request_example_is_accepted() throws Exception {
    JsonNode examples =
        doc.at("/paths/~1v1~1jobs/post/requestBody/content/application~1json/examples");
    assertThat(examples.size()).isGreaterThanOrEqualTo(2);
    for (JsonNode example : examples) {
      parse((ObjectNode) example.get("value"));
    }
  }

  @Test
  void documents_the_job_types_and_the_params_each_one_requires() {
    assertThat(texts(schema("JobType").get("enum"))).isEqualTo(JobParams.TYPES);
    Map<String, JsonNode> paramsByType = new HashMap<>();
    for (JsonNode branch : schema("JobRequest").get("allOf")) {
      String type = branch.at("/if/properties/job_type/const").asText();
      paramsByType.put(type, resolve(branch.at("/then/properties/params")));
      assertThat(texts(branch.at("/then/required"))).contains("params");
    }
    // a type no worker runs is refused at submission (400 on job_type), whatever its params
    assertThat(texts(schema("JobType").get("x-runnable")))
        .isEqualTo(Set.copyOf(JobType.runnableNames()));
    for (String type : JobType.runnableNames()) {
      Set<String> missing =
          JobParams.check(type, JsonNodeFactory.instance.objectNode()).stream()
              .map(e -> e.field().replaceFirst("^params\\.", ""))
              .collect(Collectors.toSet());
      JsonNode params = paramsByType.get(type);
      Set<String> documented = params == null ? Set.of() : texts(params.get("required"));
      assertThat(documented).as("required params of %s", type).isEqualTo(missing);
    }
    assertThat(names(schema("SleepParams").get("properties")))
        .contains("seconds", "fail", "fail_until_attempt", "runtime");
  }

  @Test
  void documents_the_job_statuses() {
    Set<String> statuses =
        Arrays.stream(JobStatus.values()).map(JobStatus::wireName).collect(Collectors.toSet());
    assertThat(texts(schema("JobStatus").get("enum"))).isEqualTo(statuses);
    JsonNode statusParameter = parameter("/v1/jobs", "get", "status");
    assertThat(statusParameter.at("/schema/$ref").asText())
        .isEqualTo("#/components/schemas/JobStatus");
  }

  @Test
  void documents_the_listing_parameters_and_limits() {
    Set<String> names = new HashSet<>();
    doc.at("/paths/~1v1~1jobs/get/parameters").forEach(p -> names.add(p.get("name").asText()));
    assertThat(names).containsExactlyInAnyOrder("status", "job_type", "limit", "cursor", "offset");
    JsonNode limit = parameter("/v1/jobs", "get", "limit").get("schema");
    assertThat(limit.get("minimum").asInt()).isEqualTo(1);
    assertThat(limit.get("maximum").asInt()).isEqualTo(JobQuery.MAX_LIMIT);
    assertThat(limit.get("default").asInt()).isEqualTo(JobQuery.DEFAULT_LIMIT);
    assertThat(schema("JobList").get("required").toString()).contains("jobs", "next_cursor");
    assertThat(
            doc.at(
                    "/components/responses/PayloadTooLarge/content/application~1problem+json"
                        + "/examples/tooLarge/value/detail")
                .asText())
        .contains(String.valueOf(ApiRequest.MAX_BODY_BYTES));
  }

  @Test
  void the_upload_schemas_have_exactly_the_fields_the_api_reads_and_writes() throws Exception {
    assertThat(names(schema("UploadRequest").get("properties"))).isEqualTo(UploadRequest.FIELDS);
    assertThat(texts(schema("UploadRequest").get("required"))).isEqualTo(UploadRequest.FIELDS);
    APIGatewayV2HTTPResponse answer =
        call(
            "POST",
            "/v1/uploads",
            "alice",
            "{\"filename\":\"a.png\",\"content_type\":\"image/png\",\"size_bytes\":1}");
    JsonNode upload = JSON.readTree(answer.getBody());
    assertThat(names(upload)).isEqualTo(names(schema("Upload").get("properties")));
    assertThat(names(upload)).isEqualTo(texts(schema("Upload").get("required")));
    assertThat(upload.get("expires_at").asText())
        .matches(schema("Timestamp").get("pattern").asText());
    assertThat(
            doc.at(
                    "/paths/~1v1~1uploads/post/responses/400/content/application~1problem+json"
                        + "/examples/tooLarge/value/detail")
                .asText())
        .contains(String.valueOf(Uploads.DEFAULT_MAX_BYTES));
  }

  @Test
  void the_model_schemas_have_exactly_the_fields_the_api_reads_and_writes() {
    assertThat(names(schema("ModelRequest").get("properties"))).isEqualTo(ModelRequest.FIELDS);
    Set<String> preprocessing = new HashSet<>(ModelRequest.VISION_FIELDS);
    preprocessing.addAll(ModelRequest.TEXT_FIELDS);
    assertThat(names(schema("Preprocessing").get("properties"))).isEqualTo(preprocessing);
    assertThat(texts(schema("TaskType").get("enum")))
        .isEqualTo(
            Arrays.stream(TaskType.values()).map(TaskType::wireName).collect(Collectors.toSet()));
    ObjectNode registered =
        ModelStoreContract.aModel("alice", "acme/shapes", List.of("circle")).json();
    assertThat(names(registered)).isEqualTo(names(schema("Model").get("properties")));
    assertThat(names(registered)).isEqualTo(texts(schema("Model").get("required")));
    assertThat(registered.get("created_at").asText())
        .matches(schema("Timestamp").get("pattern").asText());
    assertThat(names(BuiltInModels.ALL_MINILM_L6_V2.json())).isEqualTo(names(registered));
  }

  @Test
  void documents_problems_as_the_code_writes_them() throws Exception {
    JsonNode schema = schema("Problem");
    List<Problem> all =
        List.of(
            Problem.invalid("field", "message"),
            Problem.badRequest("d"),
            Problem.unauthorized("d"),
            Problem.notFound("d"),
            Problem.methodNotAllowed("d"),
            Problem.conflict("d"),
            Problem.preconditionFailed("d"),
            Problem.tooLarge("d"),
            Problem.unsupportedMediaType("d"),
            Problem.internal(),
            Problem.unavailable("d"),
            Problem.unavailable("d", 5));
    Set<String> titles = new HashSet<>();
    Set<String> types = new HashSet<>();
    for (Problem problem : all) {
      JsonNode body = JSON.readTree(problem.toResponse().getBody());
      titles.add(body.get("title").asText());
      types.add(body.get("type").asText());
    }
    assertThat(texts(schema.at("/properties/title/enum"))).isEqualTo(titles);
    assertThat(texts(schema.at("/properties/type/enum"))).isEqualTo(types);
    JsonNode invalid = JSON.readTree(all.get(0).toResponse().getBody());
    assertThat(names(invalid)).isEqualTo(names(schema.get("properties")));
    assertThat(names(invalid.get("errors").get(0)))
        .isEqualTo(names(schema("FieldError").get("properties")));
    assertThat(texts(schema.get("required")))
        .isEqualTo(names(JSON.readTree(all.get(1).toResponse().getBody())));
  }

  @Test
  void every_problem_example_is_consistent_with_its_status() {
    int checked = 0;
    for (var route : documentedOperations().entrySet()) {
      for (var response : route.getValue().get("responses").properties()) {
        JsonNode content = resolve(response.getValue()).path("content");
        for (JsonNode example : content.path("application/problem+json").path("examples")) {
          JsonNode value = resolve(example).get("value");
          assertThat(value.get("status").asText())
              .as("%s %s", route.getKey(), response.getKey())
              .isEqualTo(response.getKey());
          assertThat(value.get("type").asText())
              .isEqualTo(
                  "https://mljobs.dev/problems/"
                      + value.get("title").asText().toLowerCase(Locale.ROOT).replace(' ', '-'));
          assertThat(value.has("errors"))
              .isEqualTo(value.get("title").asText().equals("Invalid request"));
          checked++;
        }
      }
    }
    assertThat(checked).isGreaterThan(10);
  }

  // --- the document

  /** {@code "METHOD /path"} of every documented operation, with the operation. */
  private static Map<String, JsonNode> documentedOperations() {
    Map<String, JsonNode> operations = new HashMap<>();
    doc.get("paths")
        .properties()
        .forEach(
            path ->
                path.getValue()
                    .properties()
                    .forEach(
                        op -> {
                          if (METHODS.contains(op.getKey())) {
                            operations.put(
                                op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(),
                                op.getValue());
                          }
                        }));
    return operations;
  }

  private static JsonNode schema(String name) {
    JsonNode schema = doc.at("/components/schemas/" + name);
    assertThat(schema.isMissingNode()).as("schema %s", name).isFalse();
    return schema;
  }

  private static JsonNode parameter(String path, String method, String name) {
    for (JsonNode p : doc.get("paths").get(path).get(method).get("parameters")) {
      JsonNode resolved = resolve(p);
      if (resolved.get("name").asText().equals(name)) {
        return resolved;
      }
    }
    throw new AssertionError("no parameter " + name + " on " + method + " " + path);
  }

  private static JsonNode resolve(JsonNode node) {
    JsonNode n = node;
    while (n != null && n.has("$ref")) {
      n = doc.at(n.get("$ref").asText().substring(1));
    }
    return n == null || n.isMissingNode() ? null : n;
  }

  private static void collectRefs(JsonNode node, List<String> refs) {
    if (node.isObject()) {
      node.properties()
          .forEach(
              f -> {
                if (f.getKey().equals("$ref")) {
                  refs.add(f.getValue().asText());
                } else {
                  collectRefs(f.getValue(), refs);
                }
              });
    } else if (node.isArray()) {
      node.forEach(n -> collectRefs(n, refs));
    }
  }

  /** The JSON types a property allows: its {@code type}, its {@code $ref}'s or its anyOf's. */
  private static Set<String> types(JsonNode property) {
    JsonNode p = resolve(property);
    Set<String> types = new HashSet<>();
    if (p.has("type")) {
      if (p.get("type").isArray()) {
        p.get("type").forEach(t -> types.add(t.asText()));
      } else {
        types.add(p.get("type").asText());
      }
    }
    p.path("anyOf").forEach(alternative -> types.addAll(types(alternative)));
    return types;
  }

  /** Without any type a property allows any JSON, {@code null} included. */
  private static boolean allowsNull(JsonNode property) {
    Set<String> types = types(property);
    return types.isEmpty() || types.contains("null");
  }

  private static boolean matchesType(JsonNode property, JsonNode value) {
    Set<String> types = types(property);
    return types.isEmpty()
        || (value.isNull() && types.contains("null"))
        || (value.isTextual() && types.contains("string"))
        || (value.isIntegralNumber() && (types.contains("integer") || types.contains("number")))
        || (value.isNumber() && types.contains("number"))
        || (value.isBoolean() && types.contains("boolean"))
        || (value.isObject() && types.contains("object"))
        || (value.isArray() && types.contains("array"));
  }

  // --- the code

  private static Job pendingJob() {
    return Job.builder()
        .jobId(UUID.randomUUID())
        .jobType("sleep")
        .status(JobStatus.PENDING)
        .owner("alice")
        .createdAt(T0)
        .updatedAt(T0)
        .version(1)
        .build();
  }

  private static Job jobWithEverySet() {
    Instant done = T0.plusMillis(61_234);
    return Job.builder()
        .jobId(UUID.randomUUID())
        .jobType("sleep")
        .params(JsonNodeFactory.instance.objectNode().put("seconds", 1))
        .status(JobStatus.COMPLETED)
        .priority(7)
        .progress(100)
        .result(JsonNodeFactory.instance.objectNode().put("slept_ms", 1000))
        .resultUri("s3://results/jobs/1.json")
        .errorMessage("failed on purpose in attempt 1 (params.fail_until_attempt)")
        .attempts(2)
        .maxAttempts(3)
        .timeoutSeconds(60)
        .ttlHours(24)
        .idempotencyKey("key-1")
        .templateId("template-1")
        .scheduleId("schedule-1")
        .groupId("group-1")
        .owner("alice")
        .traceId("Root=1-abc")
        .callbackUrl("https://hooks.example.com/jobs")
        .createdAt(T0)
        .queuedAt(T0.plusSeconds(30))
        .startedAt(T0.plusMillis(412))
        .completedAt(done)
        .updatedAt(done)
        .expiresAt(done.plusSeconds(24 * 3600))
        .version(6)
        .callback(new Callback(Callback.Status.PENDING, 1, "HTTP 500"))
        .build();
  }

  private static ObjectNode validRequest() {
    ObjectNode body = JsonNodeFactory.instance.objectNode().put("job_type", "sleep");
    body.putObject("params").put("seconds", 1);
    return body;
  }

  private static NewJob parse(ObjectNode body) {
    return JobRequestParser.parse(body, null, "alice", null);
  }

  private static Set<String> rejectedFields(ObjectNode body) throws IOException {
    Problem problem = catchThrowableOfType(Problem.class, () -> parse(body));
    assertThat(problem).as("%s is rejected", body).isNotNull();
    assertThat(problem.status()).isEqualTo(400);
    Set<String> fields = new HashSet<>();
    JSON.readTree(problem.toResponse().getBody())
        .get("errors")
        .forEach(e -> fields.add(e.get("field").asText()));
    return fields;
  }

  /** The {@link NewJob} component of a snake_case request field, e.g. ttl_hours → ttlHours(). */
  private static Object component(NewJob job, String field) throws Exception {
    StringBuilder camel = new StringBuilder();
    for (String part : field.split("_")) {
      camel.append(
          camel.length() == 0 ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
    }
    return NewJob.class.getMethod(camel.toString()).invoke(job);
  }

  private APIGatewayV2HTTPResponse call(String method, String path, String owner, String body) {
    Map<String, String> headers = new HashMap<>();
    if (body != null) {
      headers.put("content-type", "application/json");
    }
    return api.handleRequest(
        ApiEvents.event(method, path, owner, body, headers), ApiEvents.CONTEXT);
  }

  private static Set<String> names(JsonNode object) {
    Set<String> names = new TreeSet<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static Set<String> texts(JsonNode array) {
    Set<String> texts = new TreeSet<>();
    array.forEach(t -> texts.add(t.asText()));
    return texts;
  }
}
