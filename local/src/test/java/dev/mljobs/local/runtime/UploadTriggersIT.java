package dev.mljobs.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mljobs.handlers.trigger.S3TriggerHandler;
import dev.mljobs.handlers.trigger.UploadTriggerHandler;
import dev.mljobs.local.events.S3Notifications;
import dev.mljobs.testkit.Waits;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Upload triggers end to end through the local runtime, its real S3 server and its S3
 * notifications: images uploaded with presigned PUTs under a trigger's prefix become one detection
 * job each, and keep doing so when every notification is delivered twice (a second notification
 * configuration, handed the very same events, runs alongside the runtime's own); objects outside
 * the prefix or suffixes, and objects arriving while the trigger is disabled, make nothing; an
 * overwritten key makes a new job; a corrupt image makes a failed job with a readable error; an
 * owner can neither watch nor read another owner's area.
 */
class UploadTriggersIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ALICES_KEY = "alices-trigger-key-0123456789";
  private static final String BOBS_KEY = "bobs-trigger-key-0123456789";
  private static final String DATA = "mljobs-data";
  private static final Duration LONG = Duration.ofMinutes(4);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static LocalRuntime runtime;
  private static S3Notifications duplicates;
  private static ApiClient alice;
  private static ApiClient bob;
  private static String templateId;

  @BeforeAll
  static void start() throws Exception {
    System.setProperty("sun.net.httpserver.nodelay", "true");
    runtime =
        LocalRuntime.start(
            Options.forTests()
                .withOwner("alice", ALICES_KEY)
                .withOwner("bob", BOBS_KEY)
                .withOwnerSpaces("", 1_000_000));
    alice = new ApiClient(runtime, ALICES_KEY);
    bob = new ApiClient(runtime, BOBS_KEY);
    // every notification once more, the same event, to handlers of their own
    duplicates =
        Uploads.notifications(
            new S3TriggerHandler(runtime.wiring()), new UploadTriggerHandler(runtime.wiring()));
    runtime.aws().addS3Listener(duplicates);
    templateId = detectionTemplate();
  }

  @AfterAll
  static void stop() {
    duplicates.close();
    runtime.close();
  }

  @Test
  void a_hundred_uploaded_images_make_a_hundred_jobs_each_with_its_detections() throws Exception {
    // given
    JsonNode trigger = trigger(alice, "{\"prefix\":\"scenes/\",\"suffixes\":[\".png\"]}");
    String id = trigger.get("trigger_id").asText();
    assertThat(trigger.get("upload_prefix").asText())
        .isEqualTo("s3://mljobs-data/uploads/alice/scenes/");
    // when
    Set<String> uploaded = new HashSet<>();
    try (ZipFile zip = new ZipFile(vision().resolve("shapes-det-test.zip").toFile())) {
      for (int i = 0; i < 100; i++) {
        String name = String.format("%04d.png", i);
        try (InputStream in = zip.getInputStream(zip.getEntry(name))) {
          uploaded.add(upload(alice, "scenes/" + name, "image/png", in.readAllBytes()));
        }
      }
    }
    // then: exactly 100 jobs, each completed with detections of its own object
    List<JsonNode> results =
        Waits.patiently("100 results")
            .atMost(LONG)
            .pollInterval(Duration.ofMillis(500))
            .until(() -> results(alice, id), r -> r.size() >= 100 && r.stream().allMatch(done()));
    awaitQuiet();
    results = results(alice, id);
    assertThat(results).hasSize(100);
    Set<String> sources = new HashSet<>();
    for (JsonNode r : results) {
      assertThat(r.get("status").asText()).as("%s", r).isEqualTo("completed");
      assertThat(r.at("/predictions/detections").isArray()).as("%s", r).isTrue();
      sources.add(r.get("source_uri").asText());
    }
    assertThat(sources).isEqualTo(uploaded);
    assertThat(results.stream().filter(r -> r.at("/predictions/detections").size() > 0))
        .hasSizeGreaterThan(90);
    JsonNode counts = alice.send("GET", "/v1/triggers/" + id, null).body().get("counts");
    assertThat(counts.get("objects_seen").asInt()).isEqualTo(100);
    assertThat(counts.get("jobs_created").asInt()).isEqualTo(100);
    JsonNode jobs = alice.send("GET", "/v1/triggers/" + id + "/jobs?limit=100", null).body();
    assertThat(jobs.get("jobs")).hasSize(100);
    JsonNode one = alice.job(jobs.at("/jobs/0/job_id").asText());
    assertThat(one.get("template_id").asText()).isEqualTo(templateId);
    assertThat(one.at("/params/input_data/image_uris/0").asText())
        .isEqualTo(jobs.at("/jobs/0/source_uri").asText());
  }

  @Test
  void objects_outside_the_prefix_or_suffixes_or_while_disabled_make_nothing() throws Exception {
    // given
    String id =
        trigger(alice, "{\"prefix\":\"watched/\",\"suffixes\":[\".png\"]}")
            .get("trigger_id")
            .asText();
    byte[] png = image(3);
    // when
    upload(alice, "elsewhere/a.png", "image/png", png);
    upload(alice, "watched/a.txt", "text/plain", "not an image".getBytes(StandardCharsets.UTF_8));
    assertThat(alice.send("POST", "/v1/triggers/" + id + "/disable", null).status()).isEqualTo(200);
    upload(alice, "watched/while-disabled.png", "image/png", png);
    awaitQuiet();
    assertThat(
            alice
                .send("POST", "/v1/triggers/" + id + "/enable", null)
                .body()
                .get("enabled")
                .asBoolean())
        .isTrue();
    awaitQuiet();
    // then
    JsonNode counts = alice.send("GET", "/v1/triggers/" + id, null).body().get("counts");
    assertThat(counts.get("objects_seen").asInt()).isZero();
    assertThat(results(alice, id)).isEmpty();
    // and: once enabled, a watched object counts, and overwriting it is a new version
    upload(alice, "watched/b.PNG", "image/png", png);
    upload(alice, "watched/b.PNG", "image/png", png);
    Waits.patiently("two jobs")
        .atMost(LONG)
        .pollInterval(Duration.ofMillis(500))
        .until(() -> results(alice, id), r -> r.size() == 2 && r.stream().allMatch(done()));
    awaitQuiet();
    assertThat(results(alice, id)).hasSize(2);
  }

  @Test
  void a_corrupt_image_makes_a_failed_job_with_a_readable_error() throws Exception {
    String id = trigger(alice, "{\"prefix\":\"corrupt/\"}").get("trigger_id").asText();
    upload(
        alice, "corrupt/bad.png", "image/png", "this is no PNG".getBytes(StandardCharsets.UTF_8));
    List<JsonNode> results =
        Waits.patiently("the failed job")
            .atMost(LONG)
            .pollInterval(Duration.ofMillis(500))
            .until(() -> results(alice, id), r -> r.size() == 1 && r.stream().allMatch(done()));
    JsonNode failed = results.get(0);
    assertThat(failed.get("status").asText()).isEqualTo("failed");
    assertThat(failed.get("error_message").asText()).contains("image");
    assertThat(failed.get("source_uri").asText())
        .isEqualTo("s3://mljobs-data/uploads/alice/corrupt/bad.png");
  }

  @Test
  void an_owner_can_neither_watch_nor_read_another_owners_area() throws Exception {
    String alices = trigger(alice, "{\"prefix\":\"private/\"}").get("trigger_id").asText();
    for (String prefix :
        List.of("../alice/", "/uploads/alice/", "s3://mljobs-data/uploads/alice/", "a/../../x")) {
      ApiClient.Answer refused =
          bob.send("POST", "/v1/triggers", body(templateId, "{\"prefix\":\"" + prefix + "\"}"));
      assertThat(refused.status()).as(prefix).isEqualTo(400);
      assertThat(refused.body().at("/errors/0/field").asText())
          .as(prefix)
          .isIn("prefix", "template_id");
    }
    // bob has no template of alice's id, and alice's trigger does not exist for him
    ApiClient.Answer template = bob.send("POST", "/v1/triggers", body(templateId, "{}"));
    assertThat(template.status()).isEqualTo(400);
    assertThat(template.body().at("/errors/0/field").asText()).isEqualTo("template_id");
    for (String path : List.of("", "/jobs", "/results")) {
      assertThat(bob.send("GET", "/v1/triggers/" + alices + path, null).status())
          .as(path)
          .isEqualTo(404);
    }
    assertThat(bob.send("DELETE", "/v1/triggers/" + alices, null).status()).isEqualTo(404);
    assertThat(bob.send("GET", "/v1/triggers", null).body().get("triggers")).isEmpty();
    // an upload larger than signed is refused by S3, and makes nothing
    JsonNode grant = grant(alice, "private/big.png", "image/png", 10).body();
    assertThat(put(URI.create(grant.get("upload_url").asText()), "image/png", new byte[11]))
        .isEqualTo(403);
    awaitQuiet();
    assertThat(results(alice, alices)).isEmpty();
  }

  private static java.util.function.Predicate<JsonNode> done() {
    return r -> Set.of("completed", "failed", "cancelled").contains(r.get("status").asText());
  }

  /** Waits until no notification, the runtime's or the duplicates, is still to be handled. */
  private static void awaitQuiet() {
    Waits.patiently("notifications handled")
        .atMost(LONG)
        .until(() -> runtime.pendingNotifications() + duplicates.pending() == 0);
  }

  private static List<JsonNode> results(ApiClient owner, String id) {
    List<JsonNode> all = new ArrayList<>();
    String cursor = null;
    do {
      String path =
          "/v1/triggers/" + id + "/results?limit=40" + (cursor == null ? "" : "&cursor=" + cursor);
      JsonNode page = owner.send("GET", path, null).body();
      page.get("results").forEach(all::add);
      cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
    } while (cursor != null);
    return all;
  }

  private static JsonNode trigger(ApiClient owner, String extra) throws Exception {
    ApiClient.Answer answer = owner.send("POST", "/v1/triggers", body(templateId, extra));
    assertThat(answer.status()).as("%s", answer.body()).isEqualTo(201);
    return answer.body();
  }

  private static String body(String template, String extra) throws Exception {
    ObjectNode body = (ObjectNode) JSON.readTree(extra);
    body.put("name", "t").put("template_id", template);
    return body.toString();
  }

  /** The shape detector, registered by alice, and a template of detection jobs with it. */
  private static String detectionTemplate() throws Exception {
    runtime
        .aws()
        .s3()
        .putObject(
            b -> b.bucket(DATA).key("models/alice/shapes-det.onnx"),
            RequestBody.fromFile(vision().resolve("shapes-det.onnx")));
    ObjectNode model = JSON.createObjectNode();
    model.put("model_id", "alice/shapes-det").put("task_type", "object_detection");
    model.put("model_uri", "s3://mljobs-data/models/alice/shapes-det.onnx");
    Files.readAllLines(vision().resolve("shapes-labels.txt")).stream()
        .map(String::strip)
        .filter(l -> !l.isEmpty())
        .forEach(model.putArray("labels")::add);
    ObjectNode p = model.putObject("preprocessing");
    p.put("width", 320).put("height", 320).put("colour", "rgb").put("resize", "letterbox");
    p.put("pad_value", 114).put("scale", 1.0 / 255);
    p.putArray("mean").add(0).add(0).add(0);
    p.putArray("std").add(1).add(1).add(1);
    ApiClient.Answer registered = alice.send("POST", "/v1/models", model.toString());
    assertThat(registered.status()).as("%s", registered.body()).isEqualTo(201);
    ApiClient.Answer template =
        alice.send(
            "POST",
            "/v1/templates",
            "{\"name\":\"detect\",\"job_type\":\"inference\",\"default_params\":"
                + "{\"task_type\":\"object_detection\",\"model_id\":\"alice/shapes-det\","
                + "\"input_data\":{\"image_uris\":[\"s3://mljobs-data/uploads/alice/any.png\"]}}}");
    assertThat(template.status()).as("%s", template.body()).isEqualTo(201);
    return template.body().get("template_id").asText();
  }

  private static byte[] image(int index) throws Exception {
    try (ZipFile zip = new ZipFile(vision().resolve("shapes-det-test.zip").toFile());
        InputStream in = zip.getInputStream(zip.getEntry(String.format("%04d.png", index)))) {
      return in.readAllBytes();
    }
  }

  /** Presigns an upload and PUTs {@code bytes}; returns the object's URI. */
  private static String upload(ApiClient owner, String filename, String type, byte[] bytes)
      throws Exception {
    ApiClient.Answer answer = grant(owner, filename, type, bytes.length);
    assertThat(answer.status()).as("%s", answer.body()).isEqualTo(200);
    JsonNode grant = answer.body();
    assertThat(put(URI.create(grant.get("upload_url").asText()), type, bytes)).isEqualTo(200);
    return grant.get("object_uri").asText();
  }

  private static ApiClient.Answer grant(ApiClient owner, String filename, String type, long size) {
    ObjectNode request = JSON.createObjectNode();
    request.put("filename", filename).put("content_type", type).put("size_bytes", size);
    return owner.send("POST", "/v1/uploads", request.toString());
  }

  private static int put(URI url, String type, byte[] bytes) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .header("Content-Type", type)
            .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes))
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  /** The worker's test models, found from the module's directory upwards. */
  private static Path vision() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("functions/worker/src/test/resources/vision");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("functions/worker/src/test/resources/vision not found");
  }
}
