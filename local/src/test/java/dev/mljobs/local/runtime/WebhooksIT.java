package dev.mljobs.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mljobs.local.runtime.WebhookReceiver.Delivery;
import dev.mljobs.testkit.Waits;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Webhooks end to end through the local runtime: signed deliveries, redelivery after a receiver's
 * 500 with the same webhook-id, the outcome on the job, and addresses refused at submission. The
 * runtime allows 127.0.0.1 (MLJOBS_CALLBACK_ALLOW) and retries after 1 s.
 */
class WebhooksIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BOBS_KEY = "bobs-own-key-0123456789";
  private static LocalRuntime runtime;
  private static ApiClient api;
  private static ApiClient bob;
  private static WebhookReceiver receiver;

  @BeforeAll
  static void start() throws Exception {
    System.setProperty("sun.net.httpserver.nodelay", "true");
    runtime =
        LocalRuntime.start(
            Options.forTests()
                .withSetting("MLJOBS_CALLBACK_ALLOW", "127.0.0.1")
                .withSetting("MLJOBS_WEBHOOK_RETRY_BASE_SECONDS", "1")
                .withOwner("bob", BOBS_KEY));
    api = new ApiClient(runtime);
    bob = new ApiClient(runtime, BOBS_KEY);
    receiver = new WebhookReceiver();
  }

  @AfterAll
  static void stop() {
    receiver.close();
    runtime.close();
  }

  private static String submit(ApiClient client, String path) {
    return client
        .submit(
            "{\"job_type\":\"sleep\",\"params\":{\"seconds\":0},\"callback_url\":\""
                + receiver.url(path)
                + "\"}")
        .get("job_id")
        .asText();
  }

  private static JsonNode awaitCallback(ApiClient client, String id, String status)
      throws InterruptedException {
    return client.await(
        id, job -> status.equals(job.at("/callback/status").asText()), Duration.ofSeconds(60));
  }

  private static String secret(ApiClient client) {
    return client.send("GET", "/v1/webhook-secret", null).body().get("secret").asText();
  }

  private static Predicate<Delivery> on(String path) {
    return d -> d.path().equals(path);
  }

  @Test
  void a_delivery_answered_500_is_made_again_with_the_same_id_and_the_job_shows_delivered()
      throws Exception {
    // given: a receiver that fails the first request
    receiver.answer("/flaky", 500, 200);
    // when
    String id = submit(api, "/flaky");
    JsonNode job = awaitCallback(api, id, "delivered");
    // then
    assertThat(job.get("status").asText()).isEqualTo("completed");
    assertThat(job.get("callback").get("attempts").asInt()).isEqualTo(2);
    assertThat(job.get("callback").get("last_error").isNull()).isTrue();
    List<Delivery> tries = receiver.received(on("/flaky"));
    assertThat(tries).hasSize(2);
    assertThat(tries).extracting(Delivery::id).containsOnly("msg_" + id);
    assertThat(tries.get(1).body()).isEqualTo(tries.get(0).body());
    assertThat(Duration.between(tries.get(0).at(), tries.get(1).at()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(900));
    String secret = secret(api);
    for (Delivery d : tries) {
      assertThat(WebhookReceiver.verifies(d, secret)).isTrue();
      assertThat(Long.parseLong(d.timestamp()))
          .isBetween(Instant.now().getEpochSecond() - 120, Instant.now().getEpochSecond());
    }
    JsonNode body = JSON.readTree(tries.get(0).body());
    assertThat(body.get("job_id").asText()).isEqualTo(id);
    assertThat(body.get("status").asText()).isEqualTo("completed");
  }

  @Test
  void each_owner_s_deliveries_are_signed_with_that_owner_s_secret() throws Exception {
    String id = submit(bob, "/bob");
    awaitCallback(bob, id, "delivered");
    Delivery d = receiver.await(on("/bob"), 1, Duration.ofSeconds(10)).get(0);
    assertThat(WebhookReceiver.verifies(d, secret(bob))).isTrue();
    assertThat(WebhookReceiver.verifies(d, secret(api))).isFalse();
    // and another owner cannot read the job, nor its callback
    assertThat(api.send("GET", "/v1/jobs/" + id, null).status()).isEqualTo(404);
  }

  @Test
  void after_a_rotation_deliveries_verify_with_the_new_and_the_old_secret() throws Exception {
    String old = secret(api);
    String fresh =
        api.send("POST", "/v1/webhook-secret/rotate", null).body().get("secret").asText();
    String id = submit(api, "/rotated");
    awaitCallback(api, id, "delivered");
    Delivery d = receiver.await(on("/rotated"), 1, Duration.ofSeconds(10)).get(0);
    assertThat(d.signature().split(" ")).hasSize(2);
    assertThat(WebhookReceiver.verifies(d, fresh)).isTrue();
    assertThat(WebhookReceiver.verifies(d, old)).isTrue();
  }

  @Test
  void a_final_answer_is_not_retried_and_the_job_shows_failed() throws Exception {
    receiver.answer("/gone", 410);
    String id = submit(api, "/gone");
    JsonNode job = awaitCallback(api, id, "failed");
    assertThat(job.get("callback").get("attempts").asInt()).isEqualTo(1);
    assertThat(job.get("callback").get("last_error").asText()).isEqualTo("HTTP 410");
    assertThat(receiver.received(on("/gone"))).hasSize(1);
  }

  @Test
  void addresses_outside_the_allow_list_are_refused_at_submission() {
    int port = receiver.port();
    for (String url :
        List.of(
            "http://127.0.0.2:" + port + "/hook",
            "http://0x7f.2:" + port + "/hook",
            "http://169.254.169.254/latest/meta-data/",
            "http://10.0.0.1/hook",
            "http://[::1]:" + port + "/hook",
            "http://[fe80::1%25lo]:" + port + "/hook",
            "http://[::ffff:0:a9fe:a9fe]/latest/meta-data/",
            "http://[64:ff9b:1::a9fe:a9fe]/latest/meta-data/",
            "http://a@127.0.0.1:" + port + "/hook",
            "ftp://127.0.0.1/hook")) {
      ApiClient.Answer answer =
          api.send(
              "POST",
              "/v1/jobs",
              "{\"job_type\":\"sleep\",\"params\":{\"seconds\":0},\"callback_url\":\""
                  + url
                  + "\"}");
      assertThat(answer.status()).as(url).isEqualTo(400);
      assertThat(answer.body().at("/errors/0/field").asText()).isEqualTo("callback_url");
    }
  }

  @Test
  void a_job_file_in_s3_with_an_internal_callback_url_makes_no_job_and_says_why() throws Exception {
    String error = jobFileError("metadata", "http://169.254.169.254/latest/meta-data/");
    assertThat(error).contains("\"field\":\"callback_url\"").contains("link-local");
    assertThat(
            api.send("GET", "/v1/jobs?limit=100", null).body().get("jobs").findValuesAsText("tag"))
        .doesNotContain("ssrf-file");
  }

  @Test
  void a_job_file_whose_callback_url_names_an_ipv6_zone_gets_an_error_file() throws Exception {
    // the zone made the trigger throw (an NPE) and no error file was written
    String error = jobFileError("zone", "https://[fe80::1%25lo]/");
    assertThat(error).contains("\"field\":\"callback_url\"").contains("IPv6 zone");
  }

  /** Puts {@code inputs/local/<name>.job.json} with the callback URL; its error file's text. */
  private String jobFileError(String name, String callbackUrl) throws Exception {
    var s3 = runtime.aws().s3();
    s3.putObject(
        b -> b.bucket("mljobs-data").key("inputs/local/" + name + ".job.json"),
        software.amazon.awssdk.core.sync.RequestBody.fromString(
            "{\"job_type\":\"sleep\",\"params\":{\"seconds\":0,\"tag\":\"ssrf-file\"},"
                + "\"callback_url\":\""
                + callbackUrl
                + "\"}"));
    String errorKey = "inputs/local/" + name + ".job.json.error.json";
    return Waits.patiently("the error file " + errorKey)
        .ignoreException(software.amazon.awssdk.services.s3.model.NoSuchKeyException.class)
        .until(
            () -> s3.getObjectAsBytes(b -> b.bucket("mljobs-data").key(errorKey)).asUtf8String(),
            java.util.Objects::nonNull);
  }

  @Test
  void without_the_allow_list_a_receiver_on_this_machine_is_refused() throws Exception {
    try (LocalRuntime strict = LocalRuntime.start(Options.forTests())) {
      ApiClient.Answer answer =
          new ApiClient(strict)
              .send(
                  "POST",
                  "/v1/jobs",
                  "{\"job_type\":\"sleep\",\"params\":{\"seconds\":0},\"callback_url\":\""
                      + receiver.url("/strict")
                      + "\"}");
      assertThat(answer.status()).isEqualTo(400);
      assertThat(answer.body().at("/errors/0/message").asText()).contains("loopback");
    }
    assertThat(receiver.received(on("/strict"))).isEmpty();
  }
}
