package dev.mljobs.handlers.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mljobs.testkit.SettableClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /v1/uploads} over the real presigner (presigning needs no server; that S3 honours the
 * signature is proven against the local S3 server by {@code OwnerSpacesIT}).
 */
class UploadsApiTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ApiHandler api;

  @BeforeEach
  void setUp() {
    api = new TestApi(new SettableClock(Instant.parse("2026-03-01T10:00:00Z"))).handler;
  }

  @Test
  void an_upload_is_a_presigned_put_into_the_owners_area_with_type_and_size_signed()
      throws Exception {
    // when
    APIGatewayV2HTTPResponse response =
        upload(
            "alice",
            "{\"filename\":\"docs/a b.txt\",\"content_type\":\"text/plain\",\"size_bytes\":12}");
    // then
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
    JsonNode body = JSON.readTree(response.getBody());
    assertThat(body.get("method").asText()).isEqualTo("PUT");
    assertThat(body.get("object_uri").asText())
        .isEqualTo("s3://mljobs-data/uploads/alice/docs/a b.txt");
    URI url = URI.create(body.get("upload_url").asText());
    assertThat(url.getRawPath()).isEqualTo("/mljobs-data/uploads/alice/docs/a%20b.txt");
    assertThat(url.getRawQuery())
        .contains("X-Amz-Expires=900")
        .contains("X-Amz-SignedHeaders=content-length%3Bcontent-type%3Bhost");
    assertThat(body.get("headers").properties())
        .extracting(Map.Entry::getKey)
        .containsExactlyInAnyOrder("Content-Type", "Content-Length");
    assertThat(body.at("/headers/Content-Length").asText()).isEqualTo("12");
    assertThat(body.at("/headers/Content-Type").asText()).isEqualTo("text/plain");
    Instant expires = Instant.parse(body.get("expires_at").asText());
    assertThat(Duration.between(Instant.now(), expires))
        .isBetween(Duration.ofMinutes(14), Duration.ofMinutes(15));
  }

  @Test
  void an_owner_with_slashes_or_colons_gets_one_encoded_segment() throws Exception {
    String owner = "arn:aws:iam::123456789012:user/a";
    JsonNode body =
        JSON.readTree(
            upload(
                    owner,
                    "{\"filename\":\"x.png\",\"content_type\":\"image/png\",\"size_bytes\":1}")
                .getBody());
    assertThat(body.get("object_uri").asText())
        .isEqualTo("s3://mljobs-data/uploads/arn%3Aaws%3Aiam%3A%3A123456789012%3Auser%2Fa/x.png");
  }

  @Test
  void a_file_over_the_limit_or_a_name_that_leaves_the_area_is_refused_before_any_url() {
    assertThat(
            refused(
                "{\"filename\":\"a.bin\",\"content_type\":\"application/octet-stream\",\"size_bytes\":1001}"))
        .containsEntry("size_bytes", "must be at most 1000 bytes, got 1001");
    for (String name :
        new String[] {
          "../bob/x.png",
          "a/../../bob/x",
          "/abs.png",
          "a//b.png",
          "./a.png",
          "dir/",
          "a\\u0000b",
          "a\\nb",
          "x".repeat(1100)
        }) {
      assertThat(
              refused(
                  "{\"filename\":\""
                      + name
                      + "\",\"content_type\":\"image/png\",\"size_bytes\":1}"))
          .as(name)
          .containsKey("filename");
    }
    assertThat(refused("{\"filename\":\"a.png\",\"content_type\":\"png\",\"size_bytes\":0}"))
        .containsOnlyKeys("content_type", "size_bytes");
    assertThat(refused("{\"filename\":\"a.png\",\"content_type\":\"image/png\",\"size\":1}"))
        .containsOnlyKeys("size", "size_bytes");
  }

  private Map<String, String> refused(String request) {
    APIGatewayV2HTTPResponse response = upload("alice", request);
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(400);
    try {
      JsonNode body = JSON.readTree(response.getBody());
      assertThat(body.has("upload_url")).isFalse();
      Map<String, String> errors = new java.util.HashMap<>();
      body.get("errors")
          .forEach(e -> errors.put(e.get("field").asText(), e.get("message").asText()));
      return errors;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private APIGatewayV2HTTPResponse upload(String owner, String body) {
    return api.handleRequest(
        ApiEvents.event(
            "POST", "/v1/uploads", owner, body, Map.of("content-type", "application/json")),
        ApiEvents.CONTEXT);
  }
}
