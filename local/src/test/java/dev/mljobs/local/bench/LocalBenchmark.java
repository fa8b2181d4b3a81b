package dev.mljobs.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mljobs.aws.dynamodb.Tables;
import dev.mljobs.aws.sqs.Queues;
import dev.mljobs.local.aws.LocalAws;
import dev.mljobs.local.runtime.LocalRuntime;
import dev.mljobs.local.runtime.Options;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;

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
      Map<String, Long> before = cpuByThreadGroup();
      System.out.println(
          "-- latency, " + clients + " concurrent clients, every job runs (the whole path busy)");
      bench.latency(clients, 100);
      bench.drain();
      printCpu(before, clients * 100, "job (its POST, GET and run)");
      System.out.println(
          "-- latency, "
              + clients
              + " clients each submitting and reading a job every 500 ms (32 jobs/s), every job"
              + " runs");
      before = cpuByThreadGroup();
      bench.latency(clients, 40, Duration.ofMillis(500));
      bench.drain();
      printCpu(before, clients * 40, "job (its POST, GET and run)");
      System.out.println("-- throughput: " + jobs + " sleep jobs (seconds: 0) submitted at once");
      before = cpuByThreadGroup();
      printCpu(before, bench.throughput(clients, jobs), jobs, "job");

      // The API alone: nothing is dispatched, so every job stays queued and no worker runs.
      runtime.stopDispatcher();
      System.out.println(
          "-- latency, " + clients + " concurrent clients, dispatcher stopped (the API alone)");
      before = cpuByThreadGroup();
      bench.latency(clients, 100);
      printCpu(before, clients * 100, "POST + GET");

      System.out.println("-- floors: the local services alone, " + clients + " concurrent clients");
      bench.floors(runtime, clients, 200);
    }
  }

  /**
   * What one call to each service costs without our code around it, through the same SDK clients
   * the handlers use: the lower bound of any API call that makes it.
   */
  private void floors(LocalRuntime runtime, int clients, int perClient) throws Exception {
    DynamoDbClient dynamo = runtime.aws().dynamoDb();
    SqsClient sqs = runtime.aws().sqs();
    String table = LocalAws.tableNames().of(Tables.JOBS);
    String queue = runtime.aws().queueUrl(Queues.JOBS);
    String id = JSON.readTree(call("POST", "/v1/jobs", SLEEP).body()).get("job_id").asText();
    Map<String, AttributeValue> key = Map.of("job_id", AttributeValue.fromS(id));
    Map<String, AttributeValue> item =
        Map.of(
            "job_id", AttributeValue.fromS("floor"),
            "payload", AttributeValue.fromS("x".repeat(500)));
    timed(
        "DynamoDB GetItem (a job, consistent)",
        clients,
        perClient,
        () -> dynamo.getItem(b -> b.tableName(table).key(key).consistentRead(true)));
    timed(
        "DynamoDB PutItem (an item in no index)",
        clients,
        perClient,
        () -> dynamo.putItem(b -> b.tableName(table).item(item)));
    timed(
        "SQS SendMessage",
        clients,
        perClient,
        () -> sqs.sendMessage(b -> b.queueUrl(queue).messageBody(id)));
    timed(
        "GET /health (gateway + HTTP, no service)",
        clients,
        perClient,
        () -> call("GET", "/health", null));
  }

  private interface Call {
    void run() throws Exception;
  }

  private static void timed(String what, int clients, int perClient, Call call) throws Exception {
    ConcurrentLinkedQueue<Long> times = new ConcurrentLinkedQueue<>();
    concurrently(
        clients,
        perClient,
        () -> {
          long t0 = System.nanoTime();
          call.run();
          times.add(System.nanoTime() - t0);
        });
    report(what, times);
  }

  /** Runs {@code body} {@code perClient} times in each of {@code clients} threads at once. */
  private static void concurrently(int clients, int perClient, Call body) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Future<?>> done = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      done.add(
          pool.submit(
              () -> {
                for (int i = 0; i < perClient; i++) {
                  body.run();
                }
                return null;
              }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    pool.shutdown();
  }

  private static final String PROCESS = "(process)";
  private static final String WALL = "(wall clock)";

  /**
   * CPU time so far of the live threads grouped by name (numbers stripped), with the whole
   * process's CPU time (threads that ended, GC and JIT included) and the wall clock.
   */
  private static Map<String, Long> cpuByThreadGroup() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Map<String, Long> byGroup = new TreeMap<>();
    for (long id : threads.getAllThreadIds()) {
      ThreadInfo info = threads.getThreadInfo(id);
      long cpu = threads.getThreadCpuTime(id);
      if (info != null && cpu > 0) {
        String group = info.getThreadName().replaceAll("[-_#.]?\\d+", "").replaceAll("\\s+", " ");
        byGroup.merge(group, cpu, Long::sum);
      }
    }
    byGroup.put(
        PROCESS,
        ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime());
    byGroup.put(WALL, System.nanoTime());
    return byGroup;
  }

  /** Where the CPU went since {@code before}: per thread group, and per request or job. */
  private static void printCpu(Map<String, Long> before, int units, String unit) {
    printCpu(before, cpuByThreadGroup(), units, unit);
  }

  /** Where the CPU went from {@code before} to {@code after}. */
  private static void printCpu(
      Map<String, Long> before, Map<String, Long> after, int units, String unit) {
    Map<String, Long> spent = new TreeMap<>();
    after.forEach((g, t) -> spent.put(g, t - before.getOrDefault(g, 0L)));
    long process = spent.remove(PROCESS);
    long wall = spent.remove(WALL);
    long total = spent.values().stream().mapToLong(Long::longValue).sum();
    System.out.printf(
        "   CPU: %.1f s in %.1f s (%.2f of %d cores busy), %.2f ms per %s; Java threads:%n",
        process / 1e9,
        wall / 1e9,
        (double) process / wall,
        Runtime.getRuntime().availableProcessors(),
        process / 1e6 / units,
        unit);
    spent.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(8)
        .forEach(
            e ->
                System.out.printf(
                    "     %-45s %6.1f s  %4.1f%%%n",
                    e.getKey(), e.getValue() / 1e9, 100.0 * e.getValue() / process));
    System.out.printf(
        "     %-45s %6.1f s  %4.1f%%%n",
        "(threads that ended, GC, JIT)",
        (process - total) / 1e9,
        100.0 * (process - total) / process);
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
    latency(clients, perClient, Duration.ZERO);
  }

  /**
   * Each client submits a job and reads it back, {@code perClient} times: back to back when {@code
   * every} is zero (closed loop: latency is then mostly waiting for a core), else once per {@code
   * every} (an offered load the runtime can sustain, clients spread over the period).
   */
  private void latency(int clients, int perClient, Duration every) throws Exception {
    ConcurrentLinkedQueue<Long> posts = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<Long> gets = new ConcurrentLinkedQueue<>();
    java.util.concurrent.atomic.AtomicInteger client =
        new java.util.concurrent.atomic.AtomicInteger();
    ThreadLocal<Long> next =
        ThreadLocal.withInitial(
            () -> System.nanoTime() + every.toNanos() * client.getAndIncrement() / clients);
    concurrently(
        clients,
        perClient,
        () -> {
          if (!every.isZero()) {
            long wait = next.get() - System.nanoTime();
            if (wait > 0) {
              Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            next.set(next.get() + every.toNanos());
          }
          long t0 = System.nanoTime();
          HttpResponse<String> created = call("POST", "/v1/jobs", SLEEP);
          posts.add(System.nanoTime() - t0);
          String id = JSON.readTree(created.body()).get("job_id").asText();
          long t1 = System.nanoTime();
          call("GET", "/v1/jobs/" + id, null);
          gets.add(System.nanoTime() - t1);
        });
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
        Thread.sleep(100);
      }
    }
  }

  /**
   * Submits {@code count} jobs at once, waits (two list calls every 100 ms) until none is queued or
   * running, and only then reads every job and its runs to check it ran once: the checking does not
   * load the runtime while it works. The end is the last job's completed_at.
   */
  private Map<String, Long> throughput(int clients, int count) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    Instant start = Instant.now();
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
    Instant submittedAt = Instant.now();
    pool.shutdown();
    drain();
    Map<String, Long> cpuAtEnd = cpuByThreadGroup();
    List<Long> queueWaits = new ArrayList<>();
    List<Long> runTimes = new ArrayList<>();
    int duplicates = 0;
    int failed = 0;
    Instant end = start;
    for (String id : ids) {
      JsonNode job = JSON.readTree(call("GET", "/v1/jobs/" + id, null).body());
      if (!job.get("status").asText().equals("completed")) {
        failed++;
        continue;
      }
      int runs =
          JSON.readTree(call("GET", "/v1/jobs/" + id + "/runs", null).body()).get("runs").size();
      duplicates += job.get("attempts").asInt() != 1 || runs != 1 ? 1 : 0;
      Instant queued = Instant.parse(job.get("queued_at").asText());
      Instant started = Instant.parse(job.get("started_at").asText());
      Instant completed = Instant.parse(job.get("completed_at").asText());
      queueWaits.add(Duration.between(queued, started).toNanos());
      runTimes.add(Duration.between(started, completed).toNanos());
      end = completed.isAfter(end) ? completed : end;
    }
    double seconds = Duration.between(start, end).toNanos() / 1e9;
    System.out.printf(
        "  %d jobs: all ended in %.1f s (submitting took %.1f s) = %.0f jobs/s; not completed %d, run more than once %d%n",
        count,
        seconds,
        Duration.between(start, submittedAt).toNanos() / 1e9,
        count / seconds,
        failed,
        duplicates);
    report("queued_at -> started_at (dispatch)", queueWaits);
    report("started_at -> completed_at (steps + worker)", runTimes);
    return cpuAtEnd;
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
