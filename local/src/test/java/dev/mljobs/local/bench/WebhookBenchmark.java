package dev.mljobs.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mljobs.local.runtime.LocalRuntime;
import dev.mljobs.local.runtime.Options;
import dev.mljobs.local.runtime.WebhookReceiver;
import dev.mljobs.local.runtime.WebhookReceiver.Delivery;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Figures of webhook latency through the local runtime (scripts/bench-webhooks): from a job's end
 * ({@code completed_at} in the body) to the receiver on 127.0.0.1 having the request, for N sleep
 * jobs (default 200) submitted one after another, then as a burst from 16 clients. Prints
 * percentiles and the machine's load; asserts nothing.
 */
public final class WebhookBenchmark {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final LocalRuntime runtime;
  private final WebhookReceiver receiver;

  private WebhookBenchmark(LocalRuntime runtime, WebhookReceiver receiver) {
    this.runtime = runtime;
    this.receiver = receiver;
  }

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    System.setProperty("sun.net.httpserver.nodelay", "true");
    try (LocalRuntime runtime =
            LocalRuntime.start(
                Options.forTests()
                    .withLimits(100_000, 100_000)
                    .withSetting("MLJOBS_CALLBACK_ALLOW", "127.0.0.1"));
        WebhookReceiver receiver = new WebhookReceiver()) {
      WebhookBenchmark bench = new WebhookBenchmark(runtime, receiver);
      System.out.printf(
          "%d cores; load before: %s%n", Runtime.getRuntime().availableProcessors(), load());
      bench.run("warm-up", "/warm", 20, 1);
      bench.run("sequential", "/seq", n, 1);
      bench.run("burst, 16 clients", "/burst", n, 16);
    }
  }

  private void run(String scenario, String path, int jobs, int clients) throws Exception {
    long start = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Future<?>> submitted = new ArrayList<>();
    for (int i = 0; i < jobs; i++) {
      submitted.add(pool.submit(() -> submit(path)));
      if (clients == 1) {
        submitted.get(submitted.size() - 1).get();
        receiver.await(d -> d.path().equals(path), submitted.size(), Duration.ofSeconds(60));
      }
    }
    for (Future<?> f : submitted) {
      f.get();
    }
    pool.shutdown();
    List<Delivery> all = receiver.await(d -> d.path().equals(path), jobs, Duration.ofMinutes(5));
    double wall = (System.nanoTime() - start) / 1e9;
    List<Long> latencies = new ArrayList<>();
    for (Delivery d : all) {
      Instant completed = Instant.parse(JSON.readTree(d.body()).get("completed_at").asText());
      latencies.add(Duration.between(completed, d.at()).toMillis());
    }
    latencies.sort(Long::compare);
    System.out.printf(
        "%-18s %4d jobs in %5.1f s: job end -> webhook received p50 %4d ms, p90 %4d ms,"
            + " p99 %4d ms, max %4d ms; load %s%n",
        scenario,
        jobs,
        wall,
        pct(latencies, 50),
        pct(latencies, 90),
        pct(latencies, 99),
        latencies.get(latencies.size() - 1),
        load());
  }

  private Void submit(String path) throws Exception {
    String body =
        "{\"job_type\":\"sleep\",\"params\":{\"seconds\":0},\"callback_url\":\""
            + receiver.url(path)
            + "\"}";
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(runtime.apiUrl() + "/v1/jobs"))
                .header("Authorization", "Bearer " + runtime.apiKey())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 202) {
      JsonNode problem = JSON.readTree(response.body());
      throw new IllegalStateException("submit answered " + response.statusCode() + ": " + problem);
    }
    return null;
  }

  private static long pct(List<Long> sorted, int p) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }

  /** The 1-minute load average of the machine (all processes, other work included). */
  private static String load() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (Exception e) {
      return "n/a";
    }
  }
}
