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
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime is killed (SIGKILL) with schedules enabled and started again on the same data
 * directory: the schedules keep firing, and no fire time makes two jobs.
 */
class ScheduleRestartIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY = "schedule-restart-key-0123456789";
  private final HttpClient http = HttpClient.newHttpClient();

  @TempDir Path dataDir;

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
    String answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
    return answer.isEmpty() ? JSON.nullNode() : JSON.readTree(answer);
  }

  private List<String> scheduledTimes(int port, String scheduleId) throws Exception {
    return call(port, "GET", "/v1/schedules/" + scheduleId + "/jobs?limit=100", null)
        .get("jobs")
        .findValuesAsText("scheduled_time");
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void schedules_keep_firing_after_a_hard_kill_and_no_fire_time_makes_two_jobs() throws Exception {
    // given a runtime with a template, an every-minute schedule that has fired once, and a
    // one-time schedule due a few seconds from now
    int port = Ports.free();
    Process first = startRuntime(port);
    String template =
        call(
                port,
                "POST",
                "/v1/templates",
                "{\"name\":\"t\",\"job_type\":\"sleep\",\"default_params\":{\"seconds\":0}}")
            .get("template_id")
            .asText();
    Instant start = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.SECONDS);
    String everyMinute =
        call(
                port,
                "POST",
                "/v1/schedules",
                "{\"name\":\"m\",\"template_id\":\""
                    + template
                    + "\",\"expression\":\"rate(1 minute)\",\"start_at\":\""
                    + start
                    + "\"}")
            .get("schedule_id")
            .asText();
    patiently("the first fire")
        .until(() -> scheduledTimes(port, everyMinute), times -> times.size() == 1);
    LocalDateTime soon =
        LocalDateTime.ofInstant(
            Instant.now().plusSeconds(6).truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);
    String once =
        call(
                port,
                "POST",
                "/v1/schedules",
                "{\"name\":\"o\",\"template_id\":\""
                    + template
                    + "\",\"expression\":\"at("
                    + java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss")
                        .format(soon)
                    + ")\"}")
            .get("schedule_id")
            .asText();
    // when killed, and started again on the same data
    first.destroyForcibly().waitFor();
    Process second = startRuntime(port);
    try {
      // then the one-time schedule fires once (at its time, or at start if it came due meanwhile)
      patiently("the one-time schedule fired")
          .atMost(Duration.ofSeconds(120))
          .until(() -> scheduledTimes(port, once), times -> times.size() == 1);
      // and the every-minute one keeps firing
      patiently("the every-minute schedule fired again after the restart")
          .atMost(Duration.ofSeconds(150))
          .until(() -> scheduledTimes(port, everyMinute), times -> times.size() >= 2);
      List<String> times = scheduledTimes(port, everyMinute);
      assertThat(new HashSet<>(times)).as("one job per fire time").hasSameSizeAs(times);
      assertThat(times).contains(start.toString().replace("Z", ".000Z"));
      JsonNode ledger =
          call(port, "GET", "/v1/schedules/" + everyMinute + "/firings?limit=100", null)
              .get("firings");
      Set<String> fireTimes = new HashSet<>(ledger.findValuesAsText("scheduled_time"));
      assertThat(fireTimes).as("each fire time once in the ledger").hasSize(ledger.size());
      assertThat(scheduledTimes(port, once)).hasSize(1);
    } finally {
      second.destroy();
      second.waitFor(30, TimeUnit.SECONDS);
    }
  }
}
