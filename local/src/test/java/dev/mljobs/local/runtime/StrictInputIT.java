package dev.mljobs.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mljobs.handlers.CallbackTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The input defects of issue 9, sent as raw bytes over HTTP to the local runtime (its gateway,
 * DynamoDB Local, ElasticMQ, the S3 server): each was a 500 or silently accepted, each is a 400
 * naming what is wrong now. The runtime keeps its data in a directory here, so that the test can
 * read the callback secret and sign a worker's progress report.
 */
class StrictInputIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SLEEP = "{\"job_type\":\"sleep\",\"params\":{\"seconds\":0}}";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir static Path dataDir;
  private static LocalRuntime runtime;
  private static CallbackTokens tokens;

  @BeforeAll
  static void start() throws Exception {
    System.setProperty("sun.net.httpserver.nodelay", "true");
    runtime = LocalRuntime.start(Options.forTests().withDataDir(dataDir));
    tokens = new CallbackTokens(Files.readString(dataDir.resolve("callback-secret")).strip());
  }

  @AfterAll
  static void stop() {
    if (runtime != null) {
      runtime.close();
    }
  }

  private record Answer(int status, JsonNode body) {}

  private static Answer post(String path, byte[] body, String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(runtime.apiUrl().resolve(path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    boolean authorized = false;
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
      authorized |= headers[i].equals("Authorization");
    }
    if (!authorized) {
      request.header("Authorization", "Bearer " + runtime.apiKey());
    }
    HttpResponse<String> response =
        HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(response.statusCode(), JSON.readTree(response.body()));
  }

  private static Answer post(String path, String body, String... headers) throws Exception {
    return post(path, body.getBytes(StandardCharsets.UTF_8), headers);
  }

  private static Answer get(String path) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(runtime.apiUrl() + path))
                .header("Authorization", "Bearer " + runtime.apiKey())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return new Answer(response.statusCode(), JSON.readTree(response.body()));
  }

  private static void assertRefused(Answer answer, String field, String says) {
    assertThat(answer.status()).as(answer.body().toString()).isEqualTo(400);
    assertThat(answer.body().at("/errors/0/field").asText()).isEqualTo(field);
    assertThat(answer.body().at("/errors/0/message").asText()).contains(says);
  }

  private static String nested(int depth) {
    return "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
  }

  @Test
  void json_ten_thousand_deep_is_a_400_on_jobs_models_and_progress_metrics() throws Exception {
    assertRefused(post("/v1/jobs", nested(10_000)), "body", "nests deeper than 64 levels");
    assertRefused(post("/v1/models", nested(10_000)), "body", "nests deeper than 64 levels");
    UUID job = UUID.randomUUID();
    assertRefused(
        post(
            "/v1/jobs/" + job + "/progress",
            "{\"progress\":1,\"metrics\":" + nested(10_000) + "}",
            "Authorization",
            "Bearer " + tokens.tokenFor(job)),
        "body",
        "nests deeper than 64 levels");
  }

  @Test
  void a_model_id_past_the_sort_key_bound_is_a_400_not_a_dynamodb_error() throws Exception {
    String job =
        "{\"job_type\":\"inference\",\"params\":{\"task_type\":\"txt2embed\",\"model_id\":\"%s\","
            + "\"input_data\":{\"text\":\"a\"}}}";
    assertRefused(
        post("/v1/jobs", job.formatted("m".repeat(1100))),
        "params.model_id",
        "must be at most 128 bytes, got 1100");
    String batch =
        "{\"job_type\":\"batch_inference\",\"params\":{\"task_type\":\"txt2embed\","
            + "\"model_id\":\"%s\",\"input_uri\":\"s3://mljobs-data/inputs/local/\"}}";
    assertRefused(
        post("/v1/jobs", batch.formatted("\u00e9".repeat(600))),
        "params.model_id",
        "must be at most 128 bytes, got 1200");
    // the longest well-formed id is looked up in DynamoDB Local and simply not found
    assertRefused(
        post("/v1/jobs", job.formatted("m".repeat(128))), "params.model_id", "is neither");
    assertThat(get("/v1/models/" + "m".repeat(1100)).status()).isEqualTo(404);
  }

  @Test
  void idempotency_keys_past_1024_bytes_are_a_400_and_1024_bytes_are_stored() throws Exception {
    String keyed = "{\"job_type\":\"sleep\",\"params\":{\"seconds\":0},\"idempotency_key\":\"%s\"}";
    assertRefused(
        post("/v1/jobs", keyed.formatted("\u00e9".repeat(513))),
        "idempotency_key",
        "at most 1024 bytes (UTF-8), got 1026");
    assertRefused(
        post("/v1/jobs", SLEEP, "Idempotency-Key", "k".repeat(1025)),
        "Idempotency-Key",
        "at most 1024 bytes (UTF-8), got 1025");
    // exactly at the bound: stored in DynamoDB Local as the sort key, and replayed
    String longest = keyed.formatted("\u00e9".repeat(512));
    Answer first = post("/v1/jobs", longest);
    Answer again = post("/v1/jobs", longest);
    assertThat(first.status()).as(first.body().toString()).isEqualTo(202);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.body().get("job_id")).isEqualTo(first.body().get("job_id"));
  }

  @Test
  void trailing_content_and_duplicate_fields_are_a_400() throws Exception {
    assertRefused(post("/v1/jobs", SLEEP + " xyz"), "body", "is not valid JSON");
    assertRefused(post("/v1/jobs", SLEEP + SLEEP), "body", "has content after the JSON value");
    assertRefused(
        post(
            "/v1/jobs",
            "{\"job_type\":\"sleep\",\"params\":{\"seconds\":0},\"priority\":1,"
                + "\"priority\":9}"),
        "body",
        "has a field twice in one object");
  }

  @Test
  void invalid_utf8_and_lone_surrogates_are_a_400_so_keys_never_collide() throws Exception {
    // given: two keys that differ only in a byte that is not UTF-8 (0xFF, 0xFE), which a
    // replacing decoder would both have turned into U+FFFD
    String keyed =
        "{\"job_type\":\"sleep\",\"params\":{\"seconds\":0},\"idempotency_key\":\"k-#\"}";
    byte[] ff = keyed.getBytes(StandardCharsets.UTF_8);
    byte[] fe = ff.clone();
    int at = keyed.indexOf('#');
    ff[at] = (byte) 0xff;
    fe[at] = (byte) 0xfe;
    // then
    assertRefused(post("/v1/jobs", ff), "body", "is not valid UTF-8");
    assertRefused(post("/v1/jobs", fe), "body", "is not valid UTF-8");
    assertRefused(post("/v1/jobs", keyed.replace("#", "\\uD800")), "body", "lone surrogate");
    assertRefused(post("/v1/jobs", keyed.replace("#", "\\uDBFF")), "body", "lone surrogate");
    // and the replacement character itself is an ordinary key
    assertThat(post("/v1/jobs", keyed.replace("#", "\uFFFD")).status()).isEqualTo(202);
  }

  @Test
  void an_uploaded_job_file_is_read_as_strictly_and_a_long_name_still_makes_one_job()
      throws Exception {
    // given
    var s3 = runtime.aws().s3();
    // a key of 1,016 bytes, too long for the key+eTag as they are (in folders: a file name on
    // the S3 server's disk is at most 255 bytes)
    String name = ("d".repeat(199) + "/").repeat(4) + "n".repeat(194);
    String longKey = "inputs/local/" + name + ".job.json";
    // when
    s3.putObject(
        b -> b.bucket("mljobs-data").key("inputs/local/twice.job.json"),
        RequestBody.fromString(
            "{\"job_type\":\"sleep\",\"params\":{\"seconds\":0},\"priority\":1,\"priority\":9}"));
    s3.putObject(
        b -> b.bucket("mljobs-data").key(longKey),
        RequestBody.fromString(
            "{\"job_type\":\"sleep\",\"params\":{\"seconds\":0,\"tag\":\"long-name\"}}"));
    // then: the file with a field twice made no job and says why, next to itself
    String error = awaitObject("inputs/local/twice.job.json.error.json");
    assertThat(error).contains("\"field\":\"body\"").contains("the file has a field twice");
    // and the long-named one made a job keyed by a digest of its key and eTag
    JsonNode job = null;
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (job == null && System.nanoTime() < deadline) {
      for (JsonNode listed : get("/v1/jobs?limit=100").body().get("jobs")) {
        if ("long-name".equals(listed.at("/params/tag").asText())) {
          job = listed;
        }
      }
      Thread.sleep(100);
    }
    assertThat(job).as("a job from the long-named file").isNotNull();
    assertThat(job.get("idempotency_key").asText()).matches("s3-sha256:[0-9a-f]{64}");
  }

  private static String awaitObject(String key) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        return runtime
            .aws()
            .s3()
            .getObjectAsBytes(b -> b.bucket("mljobs-data").key(key))
            .asUtf8String();
      } catch (NoSuchKeyException notYet) {
        Thread.sleep(100);
      }
    }
    throw new AssertionError(key + " was not written in 20 s");
  }
}
