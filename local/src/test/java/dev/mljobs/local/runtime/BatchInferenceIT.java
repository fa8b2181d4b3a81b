package dev.mljobs.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.mljobs.aws.s3.OwnerSettings;
import dev.mljobs.core.storage.OwnerSpace;
import dev.mljobs.local.aws.LocalClients;
import dev.mljobs.local.junit.LocalRuntimeExtension;
import dev.mljobs.worker.JobCancelledException;
import dev.mljobs.worker.JobFailedException;
import dev.mljobs.worker.Work;
import dev.mljobs.worker.Worker;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code batch_inference} and S3 image inputs against the local S3: the worker on its own (a bad
 * item fails alone with its reason, a cancel stops the batch), and whole jobs through the local
 * runtime, with their per-item results paged through the API. The shape classifier is uploaded to
 * the local S3 and registered over the API, as a user would.
 */
@ExtendWith(LocalRuntimeExtension.class)
class BatchInferenceIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BUCKET = "mljobs-data";

  /** Where the owner of the runtime's key ({@code local}) keeps its files. */
  private static final String AREA = "uploads/local/";

  private static final OwnerSpace SPACE = OwnerSettings.spaces(Map.of()).of("local");
  private static final String CORRUPT = "shapes/zz-broken.png";

  /** The eight test images and their labels, in key order. */
  private static final Map<String, String> LABELS = new LinkedHashMap<>();

  private static LocalRuntime runtime;
  private static S3Client s3;
  private static ApiClient api;

  /** The registered shape classifier's spec, as the start step hands it to the worker. */
  private static ObjectNode shapesModel;

  @TempDir static Path modelCache;

  @BeforeAll
  static void upload(LocalRuntime localRuntime) throws IOException {
    runtime = localRuntime;
    s3 = runtime.aws().s3();
    api = new ApiClient(runtime);
    put("models/shapes-cls.onnx", resource("vision/shapes-cls.onnx"));
    ObjectNode registration = JSON.createObjectNode();
    registration.put("model_id", "shapes-cls");
    registration.put("task_type", "image_classification");
    registration.put("model_uri", "s3://" + BUCKET + "/" + AREA + "models/shapes-cls.onnx");
    new String(resource("vision/shapes-labels.txt"), StandardCharsets.UTF_8)
        .lines()
        .filter(l -> !l.isBlank())
        .forEach(registration.putArray("labels")::add);
    registration.set(
        "preprocessing",
        JSON.readTree(
            "{\"width\":224,\"height\":224,\"colour\":\"rgb\",\"resize\":\"stretch\","
                + "\"mean\":[0.485,0.456,0.406],\"std\":[0.229,0.224,0.225]}"));
    ApiClient.Answer registered = api.send("POST", "/v1/models", registration.toString());
    assertThat(registered.status()).as(registered.body().toString()).isEqualTo(201);
    shapesModel = (ObjectNode) registered.body();
    shapesModel.remove(List.of("built_in", "created_at"));
    String csv = new String(resource("shapes/labels.csv"), StandardCharsets.UTF_8);
    csv.lines().skip(1).sorted().forEach(l -> LABELS.put(l.split(",")[0], l.split(",")[1]));
    for (String file : LABELS.keySet()) {
      put("shapes/" + file, resource("shapes/" + file));
    }
    // a PNG signature and then nothing: a truncated upload
    put(CORRUPT, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0});
    put("texts/a.txt", "A man is eating food.".getBytes(StandardCharsets.UTF_8));
    put("texts/b.txt", "A man is eating pasta.".getBytes(StandardCharsets.UTF_8));
    put("texts/empty.txt", " \n".getBytes(StandardCharsets.UTF_8));
    put(
        "lists/mixed.txt",
        ("# two images, one that is not there, one line that is no URI\n"
                + "s3://mljobs-data/uploads/local/shapes/0071.png\n"
                + "s3://mljobs-data/uploads/local/shapes/gone.png\n\n"
                + "not-a-uri\n"
                + "s3://mljobs-data/uploads/local/shapes/0105.png\n")
            .getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void a_batch_over_a_prefix_runs_on_the_batch_path_and_its_results_page_in_item_order()
      throws Exception {
    // given: eight shapes and one corrupt file under one prefix; the job runs as the Batch
    // worker process, configured by the environment of the worker contract
    String id =
        api.submit(
                "{\"job_type\":\"batch_inference\",\"params\":{\"runtime\":\"batch\","
                    + "\"task_type\":\"image_classification\",\"model_id\":\"shapes-cls\","
                    + "\"top_k\":1,\"batch_size\":4,\"input_uri\":\"s3://mljobs-data/uploads/local/shapes/\"}}")
            .get("job_id")
            .asText();

    // when
    JsonNode job = api.await(id, ApiClient.terminal(), Duration.ofSeconds(120));

    // then: one bad item, not a bad job
    assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("completed");
    JsonNode summary = job.get("result");
    assertThat(summary.get("total_items").asInt()).isEqualTo(9);
    assertThat(summary.get("failed_items").asInt()).isEqualTo(1);
    assertThat(summary.get("succeeded_items").asInt()).isEqualTo(8);
    assertThat(summary.get("total_inference_time_ms").asDouble()).isPositive();
    assertThat(summary.get("avg_inference_time_ms").asDouble())
        .isCloseTo(summary.get("total_inference_time_ms").asDouble() / 8, within());
    assertThat(summary.get("output_uri").asText())
        .isEqualTo("s3://mljobs-data/results/" + id + "/items/");

    // and: pages of three give every item once, in key order, each shape recognised
    List<JsonNode> all = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      ApiClient.Answer page =
          api.send(
              "GET",
              "/v1/jobs/" + id + "/results?limit=3" + (cursor == null ? "" : "&cursor=" + cursor),
              null);
      assertThat(page.status()).as(page.body().toString()).isEqualTo(200);
      assertThat(page.body().get("results").size()).isBetween(1, 3);
      page.body().get("results").forEach(all::add);
      cursor =
          page.body().get("next_cursor").isNull() ? null : page.body().get("next_cursor").asText();
      pages++;
    } while (cursor != null);
    assertThat(pages).isEqualTo(3);
    assertThat(all).hasSize(9);
    List<String> files = new ArrayList<>(LABELS.keySet());
    for (int i = 0; i < 8; i++) {
      JsonNode line = all.get(i);
      assertThat(line.get("index").asInt()).isEqualTo(i);
      assertThat(line.get("item").asText())
          .isEqualTo("s3://mljobs-data/uploads/local/shapes/" + files.get(i));
      assertThat(line.get("ok").asBoolean()).isTrue();
      assertThat(line.at("/predictions/0/class_name").asText()).isEqualTo(LABELS.get(files.get(i)));
    }
    JsonNode broken = all.get(8);
    assertThat(broken.get("item").asText()).isEqualTo("s3://mljobs-data/uploads/local/" + CORRUPT);
    assertThat(broken.get("ok").asBoolean()).isFalse();
    assertThat(broken.get("error").asText()).contains("cannot be decoded");
  }

  @Test
  void the_results_api_refuses_a_bad_cursor_and_jobs_without_per_item_results() throws Exception {
    // given: a completed batch job over a manifest, and a completed sleep job
    String batch =
        api.submit(
                "{\"job_type\":\"batch_inference\",\"params\":{\"task_type\":\"image_classification\","
                    + "\"model_id\":\"shapes-cls\",\"input_uri\":\"s3://mljobs-data/uploads/local/lists/mixed.txt\"}}")
            .get("job_id")
            .asText();
    String sleep =
        api.submit("{\"job_type\":\"sleep\",\"params\":{\"seconds\":0}}").get("job_id").asText();
    JsonNode job = api.await(batch, ApiClient.terminal(), Duration.ofSeconds(60));
    api.await(sleep, ApiClient.terminal(), Duration.ofSeconds(60));
    assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("completed");
    assertThat(job.at("/result/total_items").asInt()).isEqualTo(4);
    assertThat(job.at("/result/failed_items").asInt()).isEqualTo(2);

    // when / then
    ApiClient.Answer page = api.send("GET", "/v1/jobs/" + batch + "/results", null);
    assertThat(page.body().get("results")).hasSize(4);
    assertThat(page.body().get("next_cursor").isNull()).isTrue();
    assertThat(page.body().at("/results/1/error").asText())
        .isEqualTo("s3://mljobs-data/uploads/local/shapes/gone.png does not exist");
    assertThat(page.body().at("/results/2/error").asText()).isEqualTo("not an s3:// URI");
    ApiClient.Answer badCursor =
        api.send("GET", "/v1/jobs/" + batch + "/results?cursor=bm9wZQ", null);
    assertThat(badCursor.status()).isEqualTo(400);
    assertThat(badCursor.body().at("/errors/0/field").asText()).isEqualTo("cursor");
    assertThat(
            api.send("GET", "/v1/jobs/" + batch + "/results?limit=0", null)
                .body()
                .at("/errors/0/field")
                .asText())
        .isEqualTo("limit");
    assertThat(api.send("GET", "/v1/jobs/" + sleep + "/results", null).status()).isEqualTo(409);
    assertThat(api.send("GET", "/v1/jobs/" + UUID.randomUUID() + "/results", null).status())
        .isEqualTo(404);
  }

  @Test
  void a_batch_job_with_a_wrong_input_uri_or_an_unknown_model_is_refused_at_submission() {
    assertThat(refusedField("image_classification", "shapes-cls", "https://example.com/x/"))
        .isEqualTo("params.input_uri");
    assertThat(
            refusedField(
                "image_classification", "shapes-nope", "s3://mljobs-data/uploads/local/shapes/"))
        .isEqualTo("params.model_id");
    assertThat(
            refusedField(
                "object_detection", "shapes-cls", "s3://mljobs-data/uploads/local/shapes/"))
        .isEqualTo("params.task_type");
  }

  /** Submits a batch job that must be refused with a 400; returns the field it names. */
  private static String refusedField(String taskType, String modelId, String inputUri) {
    ApiClient.Answer answer =
        api.send(
            "POST",
            "/v1/jobs",
            "{\"job_type\":\"batch_inference\",\"params\":{\"task_type\":\""
                + taskType
                + "\",\"model_id\":\""
                + modelId
                + "\",\"input_uri\":\""
                + inputUri
                + "\"}}");
    assertThat(answer.status()).as(answer.body().toString()).isEqualTo(400);
    return answer.body().at("/errors/0/field").asText();
  }

  @Test
  void an_empty_text_fails_its_item_with_a_reason_and_the_others_are_embedded() throws Exception {
    JsonNode summary =
        worker()
            .run(
                batchWork(
                    "{\"task_type\":\"txt2embed\",\"model_id\":\"sentence-transformers/all-MiniLM-L6-v2\","
                        + "\"input_uri\":\"s3://mljobs-data/uploads/local/texts/\"}",
                    null));
    assertThat(summary.get("total_items").asInt()).isEqualTo(3);
    assertThat(summary.get("failed_items").asInt()).isEqualTo(1);
    assertThat(summary.get("first_error").asText())
        .isEqualTo("s3://mljobs-data/uploads/local/texts/empty.txt: the text is empty");
    List<JsonNode> lines = lines(summary);
    assertThat(lines.get(0).get("embedding")).hasSize(384);
    assertThat(lines.get(2).get("ok").asBoolean()).isFalse();
  }

  @Test
  void a_missing_image_fails_a_single_image_job_with_its_uri() {
    ObjectNode params =
        params(
            "{\"task_type\":\"image_classification\",\"model_id\":\"shapes-cls\","
                + "\"input_data\":{\"image_uris\":[\"s3://mljobs-data/uploads/local/shapes/nothing-here.png\"]}}");
    assertThatThrownBy(() -> worker().run(imageWork(params)))
        .isInstanceOf(JobFailedException.class)
        .hasMessage(
            "the image failed; s3://mljobs-data/uploads/local/shapes/nothing-here.png does not exist");
  }

  @Test
  void images_by_uri_are_classified_and_a_corrupt_one_fails_alone() throws Exception {
    ObjectNode params =
        params(
            "{\"task_type\":\"image_classification\",\"model_id\":\"shapes-cls\",\"top_k\":1,"
                + "\"input_data\":{\"image_uris\":[\"s3://mljobs-data/uploads/local/shapes/0071.png\","
                + "\"s3://mljobs-data/uploads/local/"
                + CORRUPT
                + "\"]}}");
    JsonNode result = worker().run(imageWork(params));
    assertThat(result.at("/results/0/predictions/0/class_name").asText())
        .isEqualTo(LABELS.get("0071.png"));
    assertThat(result.at("/results/1/error").asText())
        .isEqualTo(
            "s3://mljobs-data/uploads/local/"
                + CORRUPT
                + ": the image cannot be decoded (corrupt or truncated)");
  }

  @Test
  void an_empty_prefix_a_missing_bucket_or_manifest_fail_the_job_with_a_clear_message() {
    assertThatThrownBy(
            () ->
                worker()
                    .run(
                        batchWork(
                            "{\"task_type\":\"image_classification\",\"model_id\":\"shapes-cls\","
                                + "\"input_uri\":\"s3://mljobs-data/uploads/local/nothing/\"}",
                            null)))
        .isInstanceOf(JobFailedException.class)
        .hasMessage(
            "params.input_uri: there are no objects under s3://mljobs-data/uploads/local/nothing/");
    assertThatThrownBy(
            () ->
                worker()
                    .run(
                        batchWork(
                            "{\"task_type\":\"image_classification\",\"model_id\":\"shapes-cls\","
                                + "\"input_uri\":\"s3://no-such-bucket/images/\"}",
                            null)))
        .isInstanceOf(JobFailedException.class)
        .hasMessage(
            "params.input_uri: s3://no-such-bucket/images/ is outside your space: it must lie"
                + " under s3://mljobs-data/uploads/local/ or s3://mljobs-data/inputs/local/ or"
                + " s3://mljobs-data/models/local/");
    assertThatThrownBy(
            () ->
                worker()
                    .run(
                        batchWork(
                            "{\"task_type\":\"image_classification\",\"model_id\":\"shapes-cls\","
                                + "\"input_uri\":\"s3://mljobs-data/uploads/local/shapes\"}",
                            null)))
        .isInstanceOf(JobFailedException.class)
        .hasMessage(
            "params.input_uri: s3://mljobs-data/uploads/local/shapes does not exist (a prefix must end with /)");
  }

  @Test
  void cancelling_a_running_batch_job_stops_its_worker_process() throws Exception {
    // given: a manifest of 4,000 images (the eight shapes over and over) on the Batch path
    StringBuilder manifest = new StringBuilder();
    List<String> files = new ArrayList<>(LABELS.keySet());
    for (int i = 0; i < 4000; i++) {
      manifest
          .append("s3://mljobs-data/uploads/local/shapes/")
          .append(files.get(i % files.size()))
          .append('\n');
    }
    put("lists/long.txt", manifest.toString().getBytes(StandardCharsets.UTF_8));
    String id =
        api.submit(
                "{\"job_type\":\"batch_inference\",\"params\":{\"runtime\":\"batch\","
                    + "\"task_type\":\"image_classification\",\"model_id\":\"shapes-cls\","
                    + "\"batch_size\":8,\"input_uri\":\"s3://mljobs-data/uploads/local/lists/long.txt\"}}")
            .get("job_id")
            .asText();
    ProcessHandle worker = WorkerProcesses.await(id);
    api.await(id, j -> j.path("progress").asInt() > 0, Duration.ofSeconds(60));
    // when
    ApiClient.Answer cancelled = api.send("DELETE", "/v1/jobs/" + id, null);
    // then: the worker process ends, the job stays cancelled with part of the work done
    assertThat(cancelled.body().get("status").asText()).isEqualTo("cancelled");
    assertThat(WorkerProcesses.stops(worker, Duration.ofSeconds(15)))
        .as("worker process stopped")
        .isTrue();
    JsonNode job = api.job(id);
    assertThat(job.get("status").asText()).isEqualTo("cancelled");
    assertThat(job.get("progress").asInt()).isBetween(1, 99);
    assertThat(api.send("GET", "/v1/jobs/" + id + "/results", null).status()).isEqualTo(409);
  }

  @Test
  void a_cancelled_batch_stops_after_the_batch_it_was_running() throws Exception {
    // given: a platform that answers the first progress report with 409, as for a cancelled job
    AtomicInteger reports = new AtomicInteger();
    HttpServer platform = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    platform.createContext(
        "/",
        exchange -> {
          reports.incrementAndGet();
          exchange.getRequestBody().readAllBytes();
          exchange.sendResponseHeaders(409, -1);
          exchange.close();
        });
    platform.start();
    try {
      // when: nine items in batches of two
      Work work =
          batchWork(
              "{\"task_type\":\"image_classification\",\"model_id\":\"shapes-cls\",\"batch_size\":2,"
                  + "\"input_uri\":\"s3://mljobs-data/uploads/local/shapes/\"}",
              "http://127.0.0.1:" + platform.getAddress().getPort() + "/progress");
      // then: it stops at the first report, after one batch
      assertThatThrownBy(() -> worker().run(work)).isInstanceOf(JobCancelledException.class);
      assertThat(reports.get()).isEqualTo(1);
    } finally {
      platform.stop(0);
    }
  }

  private static Worker worker() {
    return new Worker(
        Map.of(
            "AWS_REGION",
            LocalClients.REGION.id(),
            "AWS_ACCESS_KEY_ID",
            LocalClients.ACCESS_KEY,
            "AWS_SECRET_ACCESS_KEY",
            LocalClients.SECRET_KEY,
            "AWS_ENDPOINT_URL_S3",
            runtime.aws().s3Endpoint().toString(),
            "MODEL_CACHE_DIR",
            modelCache.toString()));
  }

  /** An inference job's work, with the registered model's spec as the start step gives it. */
  private static Work imageWork(ObjectNode params) {
    return new Work(
        UUID.randomUUID(), 1, "inference", params, null, null, null, shapesModel, SPACE);
  }

  /** A batch job's work; the shape classifier's spec comes along when the job names it. */
  private static Work batchWork(String params, String callbackUrl) {
    UUID id = UUID.randomUUID();
    ObjectNode p = params(params);
    return new Work(
        id,
        1,
        "batch_inference",
        p,
        callbackUrl,
        callbackUrl == null ? null : "token",
        "s3://" + BUCKET + "/results/" + id + "/items/",
        p.path("model_id").asText().equals("shapes-cls") ? shapesModel : null,
        SPACE);
  }

  /** The JSON lines of a summary's first part. */
  private static List<JsonNode> lines(JsonNode summary) throws IOException {
    String output = summary.get("output_uri").asText().substring("s3://".length());
    String bucket = output.substring(0, output.indexOf('/'));
    String key = output.substring(output.indexOf('/') + 1) + "part-00000.jsonl";
    List<JsonNode> lines = new ArrayList<>();
    for (String line :
        s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String().split("\n")) {
      lines.add(JSON.readTree(line));
    }
    return lines;
  }

  private static ObjectNode params(String json) {
    try {
      return (ObjectNode) JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(0.01);
  }

  private static void put(String key, byte[] bytes) {
    s3.putObject(b -> b.bucket(BUCKET).key(AREA + key), RequestBody.fromBytes(bytes));
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = BatchInferenceIT.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("no test resource " + name);
      }
      return in.readAllBytes();
    }
  }
}
