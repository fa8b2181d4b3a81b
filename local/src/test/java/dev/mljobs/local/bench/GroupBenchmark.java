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

/**
 * Figures of groups on the local runtime (scripts/bench-groups): a sequential group of N {@code
 * sleep 0} members end to end (create, then every member run one after another), the hand-off from
 * one member's end to the next one's start, and a parallel group of N for comparison. Prints
 * figures; asserts nothing.
 */
public final class GroupBenchmark {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SLEEP = "{\"job_type\":\"sleep\",\"params\":{\"seconds\":0}}";
  private final HttpClient http = HttpClient.newHttpClient();
  private final URI base;
  private final String key;

  private GroupBenchmark(LocalRuntime runtime) {
    this.base = runtime.apiUrl();
    this.key = runtime.apiKey();
  }

  public static void main(String[] args) throws Exception {
    int members = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    System.setProperty("sun.net.httpserver.nodelay", "true");
    try (LocalRuntime runtime = LocalRuntime.start(Options.forTests())) {
      System.out.printf(
          "runtime ready in %d ms (in memory), %d cores%n",
          runtime.startupTime().toMillis(), Runtime.getRuntime().availableProcessors());
      GroupBenchmark bench = new GroupBenchmark(runtime);
      bench.run("sequential", 5); // warm-up: JIT, connection pools
      bench.report("sequential", members);
      bench.report("parallel", members);
    }
  }

  private void report(String mode, int members) throws Exception {
    Instant start = Instant.now();
    String[] created = new String[1];
    long createMs = timed(() -> created[0] = create(mode, members));
    JsonNode done = await(created[0]);
    Duration total = Duration.between(start, Instant.now());
    System.out.printf(
        "%s group of %d sleep-0 members: %s, created in %d ms, end to end %.1f s (%.0f ms a"
            + " member)%n",
        mode,
        members,
        done.get("status").asText(),
        createMs,
        total.toMillis() / 1000.0,
        (double) total.toMillis() / members);
    if (mode.equals("sequential")) {
      List<Long> handoffs = handoffs(done);
      Collections.sort(handoffs);
      System.out.printf(
          "  hand-off from a member's end to the next one's start: p50 %d ms, p99 %d ms, max %d"
              + " ms%n",
          handoffs.get(handoffs.size() / 2),
          handoffs.get((int) Math.ceil(handoffs.size() * 0.99) - 1),
          handoffs.get(handoffs.size() - 1));
    }
  }

  private void run(String mode, int members) throws Exception {
    await(create(mode, members));
  }

  private String create(String mode, int members) throws Exception {
    String body =
        "{\"mode\":\""
            + mode
            + "\",\"jobs\":["
            + String.join(",", Collections.nCopies(members, SLEEP))
            + "]}";
    JsonNode group = send("POST", "/v1/groups", body);
    return group.get("group_id").asText();
  }

  private JsonNode await(String groupId) throws Exception {
    while (true) {
      JsonNode g = send("GET", "/v1/groups/" + groupId, null);
      String s = g.get("status").asText();
      if (!s.equals("queued") && !s.equals("running")) {
        return g;
      }
      Thread.sleep(100); // polling interval of a client; nothing waits on it
    }
  }

  private List<Long> handoffs(JsonNode group) throws Exception {
    List<Long> gaps = new ArrayList<>();
    Instant previousEnd = null;
    for (JsonNode m : group.get("members")) {
      JsonNode run =
          send("GET", "/v1/jobs/" + m.get("job_id").asText() + "/runs", null).get("runs").get(0);
      Instant started = Instant.parse(run.get("started_at").asText());
      if (previousEnd != null) {
        gaps.add(Duration.between(previousEnd, started).toMillis());
      }
      previousEnd = Instant.parse(run.get("finished_at").asText());
    }
    return gaps;
  }

  private JsonNode send(String method, String path, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + key);
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
      throw new IllegalStateException(method + " " + path + " answered " + response.statusCode());
    }
    return JSON.readTree(response.body());
  }

  private static long timed(ThrowingRunnable r) throws Exception {
    long t0 = System.nanoTime();
    r.run();
    return (System.nanoTime() - t0) / 1_000_000;
  }

  @FunctionalInterface
  private interface ThrowingRunnable {
    void run() throws Exception;
  }
}
