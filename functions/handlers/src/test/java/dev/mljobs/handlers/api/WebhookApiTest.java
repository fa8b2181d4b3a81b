package dev.mljobs.handlers.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mljobs.testkit.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Webhook addresses at submission (AWS rules) and the owner's signing secret routes. */
class WebhookApiTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private SettableClock clock;
  private TestApi test;

  @BeforeEach
  void setUp() {
    clock = new SettableClock(Instant.parse("2026-03-01T10:00:00Z"));
    test = new TestApi(clock);
  }

  private APIGatewayV2HTTPResponse call(String method, String path, String owner, String body) {
    return test.handler.handleRequest(
        ApiEvents.event(
            method,
            path,
            owner,
            body,
            body == null ? Map.of() : Map.of("content-type", "application/json")),
        ApiEvents.CONTEXT);
  }

  private APIGatewayV2HTTPResponse submitWithCallback(String url) {
    return call(
        "POST",
        "/v1/jobs",
        "alice",
        "{\"job_type\":\"sleep\",\"params\":{\"seconds\":0},\"callback_url\":\"" + url + "\"}");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://127.0.0.1/hook",
        "https://169.254.169.254/latest/meta-data/",
        "https://10.0.0.8/hook",
        "https://192.168.1.1/hook",
        "https://[::1]/hook",
        "https://2130706433/hook",
        "https://0x7f.1/hook",
        "https://a@127.0.0.1/hook",
        "https://intranet.example.com/hook",
        "https://nowhere.example.com/hook",
        "https://[fe80::1%25lo]/",
        "https://[::ffff:0:a9fe:a9fe]/",
        "https://[64:ff9b:1::a9fe:a9fe]/",
        "http://hooks.example.com/hook"
      })
  void a_callback_url_the_platform_will_not_call_is_refused_with_400_naming_the_field(String url)
      throws Exception {
    APIGatewayV2HTTPResponse response = submitWithCallback(url);
    assertThat(response.getStatusCode()).isEqualTo(400);
    JsonNode error = JSON.readTree(response.getBody()).get("errors").get(0);
    assertThat(error.get("field").asText()).isEqualTo("callback_url");
    assertThat(error.get("message").asText()).isNotBlank();
    assertThat(test.store.list(dev.mljobs.core.job.JobQuery.byOwner("alice")).jobs()).isEmpty();
  }

  @Test
  void a_public_https_callback_url_is_accepted_and_the_job_shows_no_callback_yet()
      throws Exception {
    APIGatewayV2HTTPResponse response = submitWithCallback("https://hooks.example.com/hook");
    assertThat(response.getStatusCode()).isEqualTo(202);
    JsonNode job = JSON.readTree(response.getBody());
    assertThat(job.get("callback_url").asText()).isEqualTo("https://hooks.example.com/hook");
    assertThat(job.get("callback").isNull()).isTrue();
  }

  @Test
  void the_webhook_secret_is_created_on_first_use_and_stays_until_rotated() throws Exception {
    JsonNode first = JSON.readTree(call("GET", "/v1/webhook-secret", "alice", null).getBody());
    JsonNode again = JSON.readTree(call("GET", "/v1/webhook-secret", "alice", null).getBody());
    String secret = first.get("secret").asText();
    assertThat(secret).startsWith("whsec_");
    assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSizeGreaterThanOrEqualTo(24);
    assertThat(again).isEqualTo(first);
    assertThat(first.get("previous_secret_signs_until").isNull()).isTrue();

    clock.advance(Duration.ofMinutes(1));
    APIGatewayV2HTTPResponse rotated = call("POST", "/v1/webhook-secret/rotate", "alice", null);
    assertThat(rotated.getStatusCode()).isEqualTo(200);
    JsonNode next = JSON.readTree(rotated.getBody());
    assertThat(next.get("secret").asText()).startsWith("whsec_").isNotEqualTo(secret);
    assertThat(next.get("previous_secret_signs_until").asText())
        .isEqualTo("2026-03-02T10:01:00.000Z");
    assertThat(JSON.readTree(call("GET", "/v1/webhook-secret", "alice", null).getBody()))
        .isEqualTo(next);
  }

  @Test
  void owners_have_their_own_secrets_and_need_an_identity() throws Exception {
    String alice =
        JSON.readTree(call("GET", "/v1/webhook-secret", "alice", null).getBody())
            .get("secret")
            .asText();
    String bob =
        JSON.readTree(call("GET", "/v1/webhook-secret", "bob", null).getBody())
            .get("secret")
            .asText();
    assertThat(bob).isNotEqualTo(alice);
    call("POST", "/v1/webhook-secret/rotate", "bob", null);
    assertThat(
            JSON.readTree(call("GET", "/v1/webhook-secret", "alice", null).getBody())
                .get("secret")
                .asText())
        .isEqualTo(alice);
    assertThat(call("GET", "/v1/webhook-secret", null, null).getStatusCode()).isEqualTo(401);
  }
}
