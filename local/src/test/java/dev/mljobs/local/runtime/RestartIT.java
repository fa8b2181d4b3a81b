package dev.mljobs.local.runtime;

import static dev.mljobs.testkit.Waits.patiently;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime is killed (SIGKILL) while jobs are queued and running, then started again on the same
 * data directory: every job still reaches a terminal state, exactly once.
 */
class RestartIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY = "restart-test-key-0123456789";
  private final HttpClient http = HttpClient.newHttpClient();

  @TempDir Path dataDir;

  /** The runtime's own main() in a child JVM, as scripts/run-local starts it. */
  private Process startRuntime(int port) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "--port",
                Integer.toString(port),
                "--data-dir",
                dataDir.toString())
            .redirectErrorStream(true);
    builder.environment().put("MLJOBS_API_KEY", KEY);
    Process process = builder.start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<Void> ready = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                  if (line.contains("ready in")) {
                    ready.complete(null);
                  }
                }
              } catch (IOException ended) {
                // the process is gone
              }
              ready.completeExceptionally(
                  new IllegalStateException("the runtime exited before it was ready"));
            });
    reader.setDaemon(true);
    reader.start();
    ready.get(120, TimeUnit.SECONDS);
    return process;
  }

  private JsonNode call(int port, String method, String path, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Authorization", "Bearer " + KEY)
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    return JSON.readTree(http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body());
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void every_job_ends_exactly_once_after_a_hard_kill_and_a_restart() throws Exception {
    // given: jobs running and queued when the runtime is killed
    int port = Ports.free();
    Process first = startRuntime(port);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      String seconds = i < 3 ? "3" : "0";
      ids.add(
          call(
                  port,
                  "POST",
                  "/v1/jobs",
                  "{\"job_type\":\"sleep\",\"params\":{\"seconds\":" + seconds + "}}")
              .get("job_id")
              .asText());
    }
    List<String> running = new ArrayList<>();
    patiently("a job runs")
        .until(
            () -> {
              running.clear();
              running.addAll(
                  call(port, "GET", "/v1/jobs?status=running", null)
                      .get("jobs")
                      .findValuesAsText("job_id"));
              return !running.isEmpty();
            });
    // when: killed while those jobs run (each sleeps 3 s, from its start a moment ago)
    Instant killedAt = Instant.now();
    first.destroyForcibly().waitFor();
    Process second = startRuntime(port);
    try {
      // then
      for (String id : ids) {
        JsonNode[] job = new JsonNode[1];
        patiently(id + " completes")
            .atMost(Duration.ofSeconds(150))
            .until(
                () -> {
                  job[0] = call(port, "GET", "/v1/jobs/" + id, null);
                  return job[0].path("status").asText().equals("completed");
                });
        assertThat(job[0].get("attempts").asInt()).as(id).isEqualTo(1);
        // the run is written one write after the job's end
        patiently("the run of " + id)
            .until(
                () -> !call(port, "GET", "/v1/jobs/" + id + "/runs", null).get("runs").isEmpty());
        JsonNode runs = call(port, "GET", "/v1/jobs/" + id + "/runs", null).get("runs");
        assertThat(runs).as(id).hasSize(1);
        assertThat(runs.get(0).get("status").asText()).isEqualTo("completed");
        if (running.contains(id)) {
          // the precondition: this job really was mid-run when the runtime was killed
          assertThat(Instant.parse(job[0].get("started_at").asText())).isBefore(killedAt);
          assertThat(Instant.parse(job[0].get("completed_at").asText())).isAfter(killedAt);
        }
      }
    } finally {
      second.destroy();
      second.waitFor(30, TimeUnit.SECONDS);
    }
  }
}
