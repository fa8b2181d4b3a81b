package dev.mljobs.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mljobs.aws.s3.OwnerSettings;
import dev.mljobs.core.storage.OwnerSpace;
import dev.mljobs.local.aws.LocalClients;
import dev.mljobs.worker.JobFailedException;
import dev.mljobs.worker.Work;
import dev.mljobs.worker.Worker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Owners are walls in S3 too, through the real local runtime: bob names alice's objects in every
 * URI-bearing field and gets a 400 that names the field and says nothing about her objects, the
 * same whether they exist or not; a manifest of bob's that points outside fails those items without
 * repeating anything; the worker refuses reads outside the space it is given; alice's grant is hers
 * alone. Files get there with presigned uploads, sent by a plain HTTP client.
 */
class OwnerSpacesIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ALICES_KEY = "alices-own-key-0123456789";
  private static final String BOBS_KEY = "bobs-own-key-0123456789";
  private static final String DATA = "mljobs-data";
  private static final String SECRET = "ALICE-PRIVATE-9f3c";
  private static final long MAX_UPLOAD = 200_000;
  private static final String MINILM = "sentence-transformers/all-MiniLM-L6-v2";

  private static LocalRuntime runtime;
  private static ApiClient alice;
  private static ApiClient bob;
  private static S3Client s3;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    System.setProperty("sun.net.httpserver.nodelay", "true");
    runtime =
        LocalRuntime.start(
            Options.forTests()
                .withOwner("alice", ALICES_KEY)
                .withOwner("bob", BOBS_KEY)
                .withOwnerSpaces("alice=s3://acme-data/team-a/", MAX_UPLOAD));
    alice = new ApiClient(runtime, ALICES_KEY);
    bob = new ApiClient(runtime, BOBS_KEY);
    s3 = runtime.aws().s3();
    s3.createBucket(b -> b.bucket("acme-data"));
    // alice's objects, in each of her areas and her grant
    String privateJob =
        "{\"job_type\":\"sleep\",\"idempotency_key\":\""
            + SECRET
            + "\",\"params\":{\"seconds\":0}}";
    put(DATA, "uploads/alice/private.job.json", privateJob);
    put(DATA, "uploads/alice/a.txt", SECRET + " is a sentence of alice's");
    put(DATA, "models/alice/tokenizer.json", "{\"secret\":\"" + SECRET + "\"}");
    put("acme-data", "team-a/t.txt", SECRET + " lies in alice's grant");
  }

  @AfterAll
  static void stop() {
    runtime.close();
  }

  @Test
  void bob_naming_alices_objects_in_any_field_is_refused_naming_the_field() {
    for (String uri :
        List.of(
            "s3://mljobs-data/inputs/alice/private.job.json",
            "s3://mljobs-data/uploads/alice/private.job.json",
            "s3://mljobs-data/uploads/alice/",
            "s3://mljobs-data/results/",
            "s3://mljobs-data/",
            "s3://mljobs-data/uploads/bob/../alice/a.txt",
            "s3://acme-data/team-a/")) {
      assertRefused(bob.send("POST", "/v1/jobs", batch(uri)), "params.input_uri", uri);
    }
    assertRefused(
        bob.send(
            "POST",
            "/v1/jobs",
            "{\"job_type\":\"inference\",\"params\":{\"task_type\":\"image_classification\","
                + "\"model_id\":\"x\",\"input_data\":{\"image_uris\":"
                + "[\"s3://mljobs-data/uploads/alice/a.txt\"]}}}"),
        "params.input_data.image_uris[0]",
        "image_uris");
    assertRefused(
        bob.send("POST", "/v1/models", textModel("s3://mljobs-data/uploads/alice/a.txt", "bob")),
        "model_uri",
        "model_uri");
    assertRefused(
        bob.send(
            "POST",
            "/v1/models",
            textModel(
                "s3://mljobs-data/uploads/bob/m.onnx",
                "s3://mljobs-data/models/alice/tokenizer.json")),
        "preprocessing.tokenizer_uri",
        "tokenizer_uri");
  }

  @Test
  void the_answer_is_the_same_whether_the_object_exists_or_not() {
    ApiClient.Answer exists =
        bob.send("POST", "/v1/jobs", batch("s3://mljobs-data/uploads/alice/a.txt"));
    ApiClient.Answer missing =
        bob.send("POST", "/v1/jobs", batch("s3://mljobs-data/uploads/alice/none.txt"));
    assertThat(exists.status()).isEqualTo(400);
    assertThat(exists.body()).isEqualTo(missing.body());
    // and for a model's files, which registration would otherwise fetch
    ApiClient.Answer tokenizer =
        bob.send(
            "POST",
            "/v1/models",
            textModel(
                "s3://mljobs-data/uploads/bob/m.onnx",
                "s3://mljobs-data/models/alice/tokenizer.json"));
    ApiClient.Answer noTokenizer =
        bob.send(
            "POST",
            "/v1/models",
            textModel(
                "s3://mljobs-data/uploads/bob/m.onnx", "s3://mljobs-data/models/alice/none.json"));
    assertThat(tokenizer.status()).isEqualTo(400);
    assertThat(tokenizer.body()).isEqualTo(noTokenizer.body());
  }

  @Test
  void alices_grant_is_hers_alone() throws Exception {
    String id = alice.submit(batch("s3://acme-data/team-a/")).get("job_id").asText();
    JsonNode job = alice.await(id, ApiClient.terminal(), Duration.ofSeconds(90));
    assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("completed");
    assertThat(job.at("/result/succeeded_items").asInt()).isEqualTo(1);
    assertThat(bob.send("POST", "/v1/jobs", batch("s3://acme-data/team-a/t.txt")).status())
        .isEqualTo(400);
  }

  @Test
  void a_manifest_of_bobs_pointing_outside_fails_those_items_and_repeats_nothing()
      throws Exception {
    // given: bob's own text and a manifest, both uploaded with presigned PUTs
    upload(
        bob,
        "texts/b.txt",
        "text/plain",
        "A man is eating pasta.".getBytes(StandardCharsets.UTF_8));
    String manifest =
        String.join(
            "\n",
            "s3://mljobs-data/uploads/alice/a.txt",
            "s3://mljobs-data/inputs/alice/private.job.json",
            "s3://mljobs-data/uploads/bob/texts/b.txt",
            SECRET + " is no URI",
            "s3://acme-data/team-a/t.txt");
    String manifestUri =
        upload(bob, "lists/m.txt", "text/plain", manifest.getBytes(StandardCharsets.UTF_8));
    // when
    String id = bob.submit(batch(manifestUri)).get("job_id").asText();
    JsonNode job = bob.await(id, ApiClient.terminal(), Duration.ofSeconds(90));
    // then: bob's item ran, each other failed alone, and nothing of alice's came back
    assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("completed");
    assertThat(job.at("/result/succeeded_items").asInt()).isEqualTo(1);
    assertThat(job.at("/result/failed_items").asInt()).isEqualTo(4);
    JsonNode results = bob.send("GET", "/v1/jobs/" + id + "/results", null).body();
    assertThat(results.toString()).doesNotContain(SECRET);
    assertThat(results.at("/results/0/error").asText())
        .isEqualTo(
            "s3://mljobs-data/uploads/alice/a.txt is outside your space: it must lie under"
                + " s3://mljobs-data/uploads/bob/ or s3://mljobs-data/inputs/bob/ or"
                + " s3://mljobs-data/models/bob/");
    assertThat(results.at("/results/3/item").asText()).isEqualTo("line 4");
    assertThat(results.at("/results/4/error").asText()).contains("is outside your space");
    assertThat(job.toString()).doesNotContain(SECRET);
  }

  @Test
  void a_job_whose_every_item_is_outside_fails_with_a_reason_that_repeats_nothing()
      throws Exception {
    String manifestUri =
        upload(
            bob,
            "lists/only-alice.txt",
            "text/plain",
            "s3://mljobs-data/uploads/alice/private.job.json\n".getBytes(StandardCharsets.UTF_8));
    String id = bob.submit(batch(manifestUri)).get("job_id").asText();
    JsonNode job = bob.await(id, ApiClient.terminal(), Duration.ofSeconds(90));
    assertThat(job.get("status").asText()).isEqualTo("failed");
    assertThat(job.get("error_message").asText())
        .contains("is outside your space")
        .doesNotContain(SECRET);
  }

  @Test
  void the_worker_checks_every_read_against_the_space_it_is_given() {
    OwnerSpace bobs = OwnerSettings.spaces(runtime.options().handlerSettings()).of("bob");
    Worker worker = worker();
    for (String input :
        List.of(
            "s3://mljobs-data/uploads/alice/a.txt",
            "s3://mljobs-data/uploads/alice/",
            "s3://acme-data/team-a/")) {
      assertThatThrownBy(() -> worker.run(batchWork(input, bobs)))
          .as(input)
          .isInstanceOf(JobFailedException.class)
          .hasMessageContaining(input + " is outside your space")
          .hasMessageNotContaining(SECRET);
    }
    // a payload with no space reads nothing at all, not even the owner's own objects
    assertThatThrownBy(
            () -> worker.run(batchWork("s3://mljobs-data/uploads/bob/", OwnerSpace.NONE)))
        .isInstanceOf(JobFailedException.class)
        .hasMessageContaining("is outside your space");
  }

  @Test
  void a_job_file_of_bobs_naming_alices_object_makes_no_job_and_says_why_next_to_it()
      throws Exception {
    // when
    put(DATA, "inputs/bob/steal.job.json", batch("s3://mljobs-data/uploads/alice/a.txt"));
    // then
    String problem = awaitObject(DATA, "inputs/bob/steal.job.json.error.json");
    JsonNode body = JSON.readTree(problem);
    assertThat(body.at("/errors/0/field").asText()).isEqualTo("params.input_uri");
    assertThat(problem).doesNotContain(SECRET).doesNotContain("alice");
    assertThat(bob.send("GET", "/v1/jobs", null).body().toString()).doesNotContain("steal");
  }

  @Test
  void a_presigned_upload_takes_exactly_the_signed_size_and_type() throws Exception {
    byte[] file = "0123456789".getBytes(StandardCharsets.UTF_8);
    JsonNode grant = start(bob, "docs/a.txt", "text/plain", file.length).body();
    URI url = URI.create(grant.get("upload_url").asText());
    assertThat(url.getHost()).isEqualTo("127.0.0.1");
    assertThat(grant.get("object_uri").asText())
        .isEqualTo("s3://mljobs-data/uploads/bob/docs/a.txt");
    // when: another size, another type, then the declared ones
    int longer = put(url, "text/plain", "0123456789AB".getBytes(StandardCharsets.UTF_8));
    int shorter = put(url, "text/plain", "012".getBytes(StandardCharsets.UTF_8));
    int otherType = put(url, "image/png", file);
    assertThat(objectExists(DATA, "uploads/bob/docs/a.txt")).isFalse();
    int right = put(url, "text/plain", file);
    // then
    assertThat(List.of(longer, shorter, otherType)).allMatch(status -> status == 403);
    assertThat(right).isEqualTo(200);
    assertThat(s3.getObjectAsBytes(b -> b.bucket(DATA).key("uploads/bob/docs/a.txt")).asByteArray())
        .isEqualTo(file);
  }

  @Test
  void an_upload_over_the_limit_or_out_of_the_area_gets_no_url() {
    ApiClient.Answer big = start(bob, "big.bin", "application/octet-stream", MAX_UPLOAD + 1);
    assertThat(big.status()).isEqualTo(400);
    assertThat(big.body().at("/errors/0/field").asText()).isEqualTo("size_bytes");
    assertThat(big.body().has("upload_url")).isFalse();
    for (String name : List.of("../alice/x.txt", "/x.txt", "a//b.txt", "a/./b.txt")) {
      ApiClient.Answer answer = start(bob, name, "text/plain", 1);
      assertThat(answer.status()).as(name).isEqualTo(400);
      assertThat(answer.body().at("/errors/0/field").asText()).isEqualTo("filename");
    }
  }

  /** Presigns an upload for {@code owner} and PUTs {@code bytes}; returns the object's URI. */
  private static String upload(ApiClient owner, String filename, String type, byte[] bytes)
      throws Exception {
    JsonNode grant = start(owner, filename, type, bytes.length).body();
    assertThat(grant.at("/headers/Content-Type").asText()).isEqualTo(type);
    assertThat(put(URI.create(grant.get("upload_url").asText()), type, bytes)).isEqualTo(200);
    return grant.get("object_uri").asText();
  }

  private static ApiClient.Answer start(ApiClient owner, String filename, String type, long size) {
    ObjectNode request = JSON.createObjectNode();
    request.put("filename", filename).put("content_type", type).put("size_bytes", size);
    return owner.send("POST", "/v1/uploads", request.toString());
  }

  /** A PUT as curl would send it: the body's own length, the given type. */
  private static int put(URI url, String type, byte[] bytes) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .header("Content-Type", type)
            .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes))
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static void assertRefused(ApiClient.Answer answer, String field, String what) {
    assertThat(answer.status()).as(what + ": " + answer.body()).isEqualTo(400);
    assertThat(answer.body().get("errors").findValuesAsText("field")).as(what).contains(field);
    assertThat(answer.body().toString()).as(what).doesNotContain(SECRET).doesNotContain("alice");
  }

  private static String batch(String inputUri) {
    return "{\"job_type\":\"batch_inference\",\"params\":{\"task_type\":\"txt2embed\","
        + "\"model_id\":\""
        + MINILM
        + "\",\"input_uri\":\""
        + inputUri
        + "\"}}";
  }

  private static String textModel(String modelUri, String tokenizerUri) {
    return "{\"model_id\":\"bob/text\",\"task_type\":\"txt2embed\",\"model_uri\":\""
        + modelUri
        + "\",\"preprocessing\":{\"tokenizer_uri\":\""
        + (tokenizerUri.startsWith("s3://") ? tokenizerUri : "s3://mljobs-data/uploads/bob/t.json")
        + "\"}}";
  }

  private static Work batchWork(String inputUri, OwnerSpace space) {
    UUID id = UUID.randomUUID();
    ObjectNode params = JSON.createObjectNode();
    params.put("task_type", "txt2embed").put("model_id", MINILM).put("input_uri", inputUri);
    return new Work(
        id,
        1,
        "batch_inference",
        params,
        null,
        null,
        "s3://mljobs-data/results/" + id + "/items/",
        null,
        space);
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
            runtime.aws().s3Endpoint().toString()));
  }

  private static void put(String bucket, String key, String content) {
    s3.putObject(
        b -> b.bucket(bucket).key(key), RequestBody.fromString(content, StandardCharsets.UTF_8));
  }

  private static boolean objectExists(String bucket, String key) {
    try {
      s3.headObject(b -> b.bucket(bucket).key(key));
      return true;
    } catch (NoSuchKeyException e) {
      return false;
    } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
      if (e.statusCode() == 404) {
        return false;
      }
      throw e;
    }
  }

  /** Waits for an object the runtime writes, and returns its text. */
  private static String awaitObject(String bucket, String key) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!objectExists(bucket, key)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(key + " was not written within 60 s");
      }
      Thread.sleep(50);
    }
    return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String();
  }
}
