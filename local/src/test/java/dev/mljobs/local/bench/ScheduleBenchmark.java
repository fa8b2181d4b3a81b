package dev.mljobs.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mljobs.local.runtime.LocalRuntime;
import dev.mljobs.local.runtime.Options;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Figures of schedules on the local runtime (scripts/bench-schedules): fire time → job queued over
 * N one-time schedules firing through the Scheduler emulator, and with M schedules stored the p99
 * of {@code GET /v1/schedules} and the runtime's start-up time. Prints figures; asserts nothing.
 */
public final class ScheduleBenchmark {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final URI base;
  private final String key;

  private ScheduleBenchmark(LocalRuntime runtime) {
    this.base = runtime.apiUrl();
    this.key = runtime.apiKey();
  }

  public static void main(String[] args) throws Exception {
    int firings = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int stored = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    System.setProperty("sun.net.httpserver.nodelay", "true");
    Path dir = Files.createTempDirectory("mljobs-bench-schedules");
    Options options = Options.forTests().withDataDir(dir).withLimits(100_000, 100_000);
    Duration emptyStart;
    try (LocalRuntime runtime = LocalRuntime.start(options)) {
      emptyStart = runtime.startupTime();
      System.out.printf(
          "runtime ready in %d ms (data dir, no schedules), %d cores%n",
          emptyStart.toMillis(), Runtime.getRuntime().availableProcessors());
      ScheduleBenchmark bench = new ScheduleBenchmark(runtime);
      String template = bench.template();
      bench.firingLatency(template, firings);
      bench.store(template, stored);
      bench.listLatency(200);
    }
    try (LocalRuntime again = LocalRuntime.start(options)) {
      System.out.printf(
          "restart with %d schedules stored: ready in %d ms (empty: %d ms)%n",
          stored + firings, again.startupTime().toMillis(), emptyStart.toMillis());
    }
  }

  private String template() throws Exception {
    return send(
            "POST",
            "/v1/templates",
            "{\"name\":\"bench\",\"job_type\":\"sleep\",\"default_params\":{\"seconds\":0}}")
        .get("template_id")
        .asText();
  }

  /**
   * N one-time schedules, each due 10 s after it is created: they fire at the pace they are made
   * (the creation rate is printed), while the next ones are being created.
   */
  private void firingLatency(String template, int n) throws Exception {
    long start = System.nanoTime();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      LocalDateTime at =
          LocalDateTime.ofInstant(
              Instant.now().plusSeconds(10).truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);
      ids.add(
          send(
                  "POST",
                  "/v1/schedules",
                  "{\"name\":\"f"
                      + i
                      + "\",\"template_id\":\""
                      + template
                      + "\",\"expression\":\"at("
                      + java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss")
                          .format(at)
                      + ")\"}")
              .get("schedule_id")
              .asText());
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("created %d at() schedules in %.1f s (one client)%n", n, seconds);
    List<Long> millis = new ArrayList<>();
    for (String id : ids) {
      JsonNode job = null;
      while (job == null) {
        JsonNode jobs = send("GET", "/v1/schedules/" + id + "/jobs", null).get("jobs");
        if (jobs.size() > 0 && !jobs.get(0).get("queued_at").isNull()) {
          job = jobs.get(0);
        } else {
          Thread.sleep(200); // a benchmark polls; tests wait on conditions
        }
      }
      millis.add(
          Duration.between(
                  Instant.parse(job.get("scheduled_time").asText()),
                  Instant.parse(job.get("queued_at").asText()))
              .toMillis());
    }
    Collections.sort(millis);
    System.out.printf(
        "fire time -> job queued, %d at() firings (%.1f per second): p50 %d ms, p99 %d ms, max %d"
            + " ms%n",
        n, n / seconds, pct(millis, 50), pct(millis, 99), millis.get(millis.size() - 1));
  }

  /** M recurring schedules, created by 8 concurrent clients. */
  private void store(String template, int m) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    long start = System.nanoTime();
    List<Future<?>> all = new ArrayList<>();
    for (int i = 0; i < m; i++) {
      int n = i;
      all.add(
          pool.submit(
              () ->
                  send(
                      "POST",
                      "/v1/schedules",
                      "{\"name\":\"s"
                          + n
                          + "\",\"template_id\":\""
                          + template
                          + "\",\"expression\":\"cron("
                          + (n % 60)
                          + " 3 * * ? *)\",\"timezone\":\"Europe/Berlin\"}")));
    }
    for (Future<?> f : all) {
      f.get();
    }
    pool.shutdown();
    long ms = (System.nanoTime() - start) / 1_000_000;
    System.out.printf(
        "stored %d schedules in %d s (%.0f creates/s, 8 clients)%n", m, ms / 1000, m * 1000.0 / ms);
  }

  /** GET /v1/schedules (first page, 50), one client after another. */
  private void listLatency(int calls) throws Exception {
    List<Long> micros = new ArrayList<>();
    for (int i = 0; i < calls; i++) {
      long t = System.nanoTime();
      send("GET", "/v1/schedules", null);
      micros.add((System.nanoTime() - t) / 1000);
    }
    Collections.sort(micros);
    System.out.printf(
        "GET /v1/schedules (50 per page), %d calls one after another: p50 %.1f ms, p99 %.1f ms%n",
        calls, pct(micros, 50) / 1000.0, pct(micros, 99) / 1000.0);
  }

  private static long pct(List<Long> sorted, int p) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }

  private JsonNode send(String method, String path, String body) {
    try {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(base.resolve(path))
              .header("Authorization", "Bearer " + key)
              .header("Content-Type", "application/json")
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(body));
      HttpResponse<String> answer =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() >= 300) {
        throw new IllegalStateException(method + " " + path + ": " + answer.body());
      }
      return JSON.readTree(answer.body());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
