package dev.mljobs.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mljobs.aws.dynamodb.DynamoDbJobRunStore;
import dev.mljobs.core.job.JobRun;
import dev.mljobs.core.job.RunStatus;
import dev.mljobs.local.aws.LocalAws;
import dev.mljobs.local.runtime.LocalRuntime;
import dev.mljobs.local.runtime.Options;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * Figures of templates and run history through the local runtime (scripts/bench-templates): the
 * latency of {@code POST /v1/jobs} with and without {@code template_id} (one more read, the
 * template's, and the merge), and of one page of {@code GET /v1/runs} over N runs of the caller
 * (default 2,000) unfiltered and filtered by a template that 1 in 10 (and 1 in 100) of them name: a
 * filter is applied after DynamoDB's page limit, so a sparse one reads more. Prints percentiles;
 * asserts nothing.
 */
public final class TemplateBenchmark {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final LocalRuntime runtime;

  private TemplateBenchmark(LocalRuntime runtime) {
    this.runtime = runtime;
  }

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    System.setProperty("sun.net.httpserver.nodelay", "true");
    // one job at a time: the jobs submitted here wait in the queue instead of loading the machine
    try (LocalRuntime runtime = LocalRuntime.start(Options.forTests().withLimits(1, 1))) {
      TemplateBenchmark bench = new TemplateBenchmark(runtime);
      System.out.printf("%d cores%n", Runtime.getRuntime().availableProcessors());
      String template =
          bench
              .call(
                  "POST",
                  "/v1/templates",
                  "{\"name\":\"bench\",\"job_type\":\"sleep\",\"priority\":7,"
                      + "\"default_params\":{\"seconds\":0,\"labels\":{\"a\":1}}}")
              .get("template_id")
              .asText();
      String plain = "{\"job_type\":\"sleep\",\"params\":{\"seconds\":0,\"labels\":{\"a\":2}}}";
      String templated = "{\"template_id\":\"" + template + "\",\"params\":{\"labels\":{\"a\":2}}}";
      bench.time("warm-up", 100, "POST", "/v1/jobs", plain);
      bench.time("warm-up, template_id", 100, "POST", "/v1/jobs", templated);
      // alternated, so that warming up and the machine's load weigh on both alike
      List<Double> plainMillis = new ArrayList<>();
      List<Double> templatedMillis = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        plainMillis.add(bench.millis("POST", "/v1/jobs", plain));
        templatedMillis.add(bench.millis("POST", "/v1/jobs", templated));
      }
      print("POST /v1/jobs", plainMillis);
      print("POST /v1/jobs, template_id", templatedMillis);
      bench.seedRuns(runs);
      bench.time("GET /v1/runs?limit=50", 100, "GET", "/v1/runs?limit=50", null);
      bench.time(
          "GET /v1/runs?template_id=(1 in 10)&limit=50",
          100,
          "GET",
          "/v1/runs?limit=50&template_id=t-10",
          null);
      bench.time(
          "GET /v1/runs?template_id=(1 in 100)&limit=50",
          100,
          "GET",
          "/v1/runs?limit=50&template_id=t-100",
          null);
    }
  }

  /** N finished runs of the caller's jobs; 1 in 10 name t-10, 1 in 100 name t-100. */
  private void seedRuns(int n) {
    DynamoDbJobRunStore store =
        new DynamoDbJobRunStore(runtime.aws().dynamoDb(), LocalAws.tableNames());
    Instant t0 = Instant.parse("2026-03-01T00:00:00Z");
    for (int i = 0; i < n; i++) {
      UUID job = UUID.randomUUID();
      String template = i % 100 == 0 ? "t-100" : i % 10 == 0 ? "t-10" : null;
      store.record(
          new JobRun(
              job + ":1",
              job,
              1,
              null,
              template,
              null,
              null,
              "local",
              RunStatus.COMPLETED,
              t0.plusSeconds(i),
              t0.plusSeconds(i + 1),
              null,
              null,
              null,
              null,
              null));
    }
    System.out.printf("seeded %d runs%n", n);
  }

  private void time(String what, int times, String method, String path, String body)
      throws Exception {
    List<Double> millis = new ArrayList<>();
    for (int i = 0; i < times; i++) {
      millis.add(millis(method, path, body));
    }
    print(what, millis);
  }

  private double millis(String method, String path, String body) throws Exception {
    long start = System.nanoTime();
    call(method, path, body);
    return (System.nanoTime() - start) / 1e6;
  }

  private static void print(String what, List<Double> millis) {
    Collections.sort(millis);
    int times = millis.size();
    System.out.printf(
        "%-46s n=%d  p50 %.1f ms  p95 %.1f ms  max %.1f ms%n",
        what,
        times,
        millis.get(times / 2),
        millis.get((int) (times * 0.95)),
        millis.get(times - 1));
  }

  private JsonNode call(String method, String path, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(runtime.apiUrl() + path))
            .header("Authorization", "Bearer " + runtime.apiKey());
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() >= 300) {
      throw new IllegalStateException(method + " " + path + " answered " + response.body());
    }
    return JSON.readTree(response.body());
  }
}
