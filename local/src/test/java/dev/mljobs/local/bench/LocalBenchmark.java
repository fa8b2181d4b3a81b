package dev.mljobs.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mljobs.local.runtime.LocalRuntime;
import dev.mljobs.local.runtime.Options;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Figures of the local runtime (scripts/bench-local): API latency under 16 concurrent clients and
 * end-to-end throughput of sleep jobs through API, DynamoDB, SQS, the state machine and the worker.
 * Prints figures; asserts nothing.
 */
public final class LocalBenchmark {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SLEEP = "{\"job_type\":\"sleep\",\"params\":{\"seconds\":0}}";
  private final HttpClient http = HttpClient.newHttpClient();
  private final URI base;
  private final String key;

  private LocalBenchmark(LocalRuntime runtime) {
    this.base = runtime.apiUrl();
    this.key = runtime.apiKey();
  }

  public static void main(String[] args) throws Exception {
    int clients = 16;
    int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    System.setProperty("sun.net.httpserver.nodelay", "true");
    try (LocalRuntime runtime =
        LocalRuntime.start(Options.forTests().withLimits(100_000, 100_000))) {
      System.out.printf(
          "runtime ready in %d ms (in memory), %d cores%n",
          runtime.startupTime().toMillis(), Runtime.getRuntime().availableProcessors());
      LocalBenchmark bench = new LocalBenchmark(runtime);
      bench.latency(clients, 50); // warm-up: JIT, connection pools
      bench.drain();
      System.out.println("-- latency, " + clients + " concurrent clients");
      bench.latency(clients, 100);
      bench.drain();
      System.out.println("-- throughput: " + jobs + " sleep jobs (seconds: 0) submitted at once");
      bench.throughput(clients, jobs);
      cpuByThreadGroup();
    }
    // The API alone: one slot and a long job in it, so submissions stay queued and nothing runs.
    try (LocalRuntime runtime = LocalRuntime.start(Options.forTests().withLimits(1, 1))) {
      LocalBenchmark bench = new LocalBenchmark(runtime);
      bench.call("POST", "/v1/jobs", "{\"job_type\":\"sleep\",\"params\":{\"seconds\":600}}");
      bench.latency(clients, 50);
      System.out.println(
          "-- latency, " + clients + " concurrent clients, jobs held in the queue (API alone)");
      bench.latency(clients, 100);
    }
  }

  /** Where the CPU went: the runtime's threads grouped by name, their CPU time since start. */
  private static void cpuByThreadGroup() {
    java.lang.management.ThreadMXBean threads =
        java.lang.management.ManagementFactory.getThreadMXBean();
    java.util.Map<String, Long> byGroup = new java.util.TreeMap<>();
    for (long id : threads.getAllThreadIds()) {
      java.lang.management.ThreadInfo info = threads.getThreadInfo(id);
      long cpu = threads.getThreadCpuTime(id);
      if (info != null && cpu > 0) {
        String group = info.getThreadName().replaceAll("[-_#.]?\\d+", "").replaceAll("\\s+", " ");
        byGroup.merge(group, cpu, Long::sum);
      }
    }
    long total = byGroup.values().stream().mapToLong(Long::longValue).sum();
    System.out.printf("-- CPU by thread group (live threads, %.1f s in all)%n", total / 1e9);
    byGroup.entrySet().stream()
        .sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(12)
        .forEach(
            e ->
                System.out.printf(
                    "  %-45s %6.1f s  %4.1f%%%n",
                    e.getKey(), e.getValue() / 1e9, 100.0 * e.getValue() / total));
  }

  private HttpResponse<String> call(String method, String path, String body) throws Exception {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + key);
    if (body != null) {
      r.header("Content-Type", "application/json");
    }
    r.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  private void latency(int clients, int perClient) throws Exception {
    ConcurrentLinkedQueue<Long> posts = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<Long> gets = new ConcurrentLinkedQueue<>();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Future<?>> done = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      done.add(
          pool.submit(
              () -> {
                for (int i = 0; i < perClient; i++) {
                  long t0 = System.nanoTime();
                  HttpResponse<String> created = call("POST", "/v1/jobs", SLEEP);
                  posts.add(System.nanoTime() - t0);
                  String id = JSON.readTree(created.body()).get("job_id").asText();
                  long t1 = System.nanoTime();
                  call("GET", "/v1/jobs/" + id, null);
                  gets.add(System.nanoTime() - t1);
                }
                return null;
              }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    pool.shutdown();
    report("POST /v1/jobs", posts);
    report("GET /v1/jobs/{id}", gets);
  }

  /** Waits until no job is queued or running, so phases do not overlap. */
  private void drain() throws Exception {
    for (String status : List.of("queued", "running")) {
      while (JSON.readTree(call("GET", "/v1/jobs?status=" + status + "&limit=1", null).body())
              .get("jobs")
              .size()
          > 0) {
        Thread.sleep(200);
      }
    }
  }

  private void throughput(int clients, int count) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    long start = System.nanoTime();
    List<Future<String>> submitted = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      submitted.add(
          pool.submit(
              () -> JSON.readTree(call("POST", "/v1/jobs", SLEEP).body()).get("job_id").asText()));
    }
    List<String> ids = new ArrayList<>();
    for (Future<String> f : submitted) {
      ids.add(f.get());
    }
    long submittedAt = System.nanoTime();
    pool.shutdown();
    List<Long> queueWaits = new ArrayList<>();
    List<Long> runTimes = new ArrayList<>();
    int duplicates = 0;
    int failed = 0;
    for (String id : ids) {
      JsonNode job = JSON.readTree(call("GET", "/v1/jobs/" + id, null).body());
      while (!List.of("completed", "failed", "cancelled").contains(job.get("status").asText())) {
        Thread.sleep(20);
        job = JSON.readTree(call("GET", "/v1/jobs/" + id, null).body());
      }
      failed += job.get("status").asText().equals("completed") ? 0 : 1;
      int runs =
          JSON.readTree(call("GET", "/v1/jobs/" + id + "/runs", null).body()).get("runs").size();
      duplicates += job.get("attempts").asInt() != 1 || runs != 1 ? 1 : 0;
      Instant queued = Instant.parse(job.get("queued_at").asText());
      Instant started = Instant.parse(job.get("started_at").asText());
      Instant completed = Instant.parse(job.get("completed_at").asText());
      queueWaits.add(Duration.between(queued, started).toNanos());
      runTimes.add(Duration.between(started, completed).toNanos());
    }
    long end = System.nanoTime();
    double seconds = (end - start) / 1e9;
    System.out.printf(
        "  %d jobs: all ended in %.1f s (submitting took %.1f s) = %.0f jobs/s; failed %d, run more than once %d%n",
        count, seconds, (submittedAt - start) / 1e9, count / seconds, failed, duplicates);
    report("queued_at -> started_at (dispatch)", queueWaits);
    report("started_at -> completed_at (steps + worker)", runTimes);
  }

  private static void report(String what, java.util.Collection<Long> nanos) {
    List<Long> sorted = new ArrayList<>(nanos);
    Collections.sort(sorted);
    System.out.printf(
        "  %-45s n=%-5d p50 %7.1f ms   p99 %7.1f ms   max %7.1f ms%n",
        what,
        sorted.size(),
        at(sorted, 0.50),
        at(sorted, 0.99),
        sorted.get(sorted.size() - 1) / 1e6);
  }

  private static double at(List<Long> sorted, double q) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1)) / 1e6;
  }
}
