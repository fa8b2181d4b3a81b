package dev.mljobs.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mljobs.testkit.Waits;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;

/** A small client of the runtime's HTTP API for tests. */
final class ApiClient {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI base;
  private final String key;

  ApiClient(LocalRuntime runtime) {
    this(runtime, runtime.apiKey());
  }

  ApiClient(LocalRuntime runtime, String key) {
    this.base = runtime.apiUrl();
    this.key = key;
  }

  /** The status and the JSON body of one call. */
  record Answer(int status, JsonNode body, HttpResponse<String> raw) {}

  Answer send(String method, String path, String body) {
    return send(method, path, body, java.util.Map.of());
  }

  /** One call with these extra headers. */
  Answer send(String method, String path, String body, java.util.Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + key);
    headers.forEach(request::header);
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode json = response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
      return new Answer(response.statusCode(), json, response);
    } catch (Exception e) {
      throw new IllegalStateException(method + " " + path + " failed", e);
    }
  }

  JsonNode submit(String body) {
    Answer answer = send("POST", "/v1/jobs", body);
    if (answer.status() != 202 && answer.status() != 200) {
      throw new AssertionError("submit answered " + answer.status() + ": " + answer.body());
    }
    return answer.body();
  }

  JsonNode job(String jobId) {
    return send("GET", "/v1/jobs/" + jobId, null).body();
  }

  /** Polls the job until {@code until} holds, or fails after {@code timeout}. */
  JsonNode await(String jobId, Predicate<JsonNode> until, Duration timeout) {
    return Waits.patiently("job " + jobId).atMost(timeout).until(() -> job(jobId), until);
  }

  static Predicate<JsonNode> status(String status) {
    return job -> status.equals(job.path("status").asText());
  }

  static Predicate<JsonNode> terminal() {
    return job -> {
      String s = job.path("status").asText();
      return s.equals("completed")
          || s.equals("failed")
          || s.equals("cancelled")
          || s.equals("skipped");
    };
  }
}
