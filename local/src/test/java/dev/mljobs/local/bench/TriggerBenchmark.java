package dev.mljobs.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mljobs.local.runtime.LocalRuntime;
import dev.mljobs.local.runtime.Options;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.ZipFile;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Figures of upload triggers through the local runtime (scripts/bench-triggers), with the shape
 * detector: upload → result readable in {@code GET /v1/triggers/{id}/results} for single images one
 * after another (p50/p99), and a burst of N uploads (default 500): the time until every result is
 * readable, and items/s. Prints figures; asserts nothing.
 */
public final class TriggerBenchmark {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY = "bench-trigger-key-0123456789";
  private static final Set<String> ENDED = Set.of("completed", "failed", "cancelled");
  private final HttpClient http = HttpClient.newHttpClient();
  private final LocalRuntime runtime;
  private final List<byte[]> images = new ArrayList<>();

  private TriggerBenchmark(LocalRuntime runtime) {
    this.runtime = runtime;
  }

  public static void main(String[] args) throws Exception {
    int burst = args.length > 0 ? Integer.parseInt(args[0]) : 500;
    int singles = args.length > 1 ? Integer.parseInt(args[1]) : 50;
    System.setProperty("sun.net.httpserver.nodelay", "true");
    try (LocalRuntime runtime =
        LocalRuntime.start(
            Options.forTests().withOwner("bench", KEY).withOwnerSpaces("", 1_000_000))) {
      TriggerBenchmark bench = new TriggerBenchmark(runtime);
      System.out.printf("%d cores%n", Runtime.getRuntime().availableProcessors());
      bench.loadImages();
      String template = bench.template();
      String single = bench.trigger(template, "single/");
      for (int i = 0; i < 5; i++) {
        bench.one(single, "single/warm-" + i + ".png", i);
      }
      List<Double> millis = new ArrayList<>();
      for (int i = 0; i < singles; i++) {
        millis.add(bench.one(single, "single/" + i + ".png", i) / 1e6);
      }
      Collections.sort(millis);
      System.out.printf(
          "item mode, single images one at a time (%d): upload -> result p50 %.0f ms, p99 %.0f ms%n",
          singles, pct(millis, 0.50), pct(millis, 0.99));
      String many = bench.trigger(template, "burst/");
      long start = System.nanoTime();
      ExecutorService uploaders = Executors.newFixedThreadPool(4);
      List<Future<?>> puts = new ArrayList<>();
      for (int i = 0; i < burst; i++) {
        int n = i;
        puts.add(uploaders.submit(() -> bench.upload("burst/" + n + ".png", n)));
      }
      for (Future<?> put : puts) {
        put.get();
      }
      uploaders.shutdown();
      double uploaded = (System.nanoTime() - start) / 1e9;
      while (bench.ended(many) < burst) {
        Thread.sleep(250); // a benchmark polls; its figure is bounded by this interval
      }
      double all = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          "item mode, burst of %d: uploaded in %.1f s, every result readable after %.1f s, %.1f"
              + " items/s%n",
          burst, uploaded, all, burst / all);
      System.out.println("batch mode: not available yet (input \"batch\" is refused)");
    }
  }

  private static double pct(List<Double> sorted, double p) {
    return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1));
  }

  /** Uploads one image and waits until its result is the newest readable one; nanoseconds. */
  private long one(String trigger, String name, int index) throws Exception {
    long start = System.nanoTime();
    String uri = upload(name, index);
    while (true) {
      JsonNode newest =
          call("GET", "/v1/triggers/" + trigger + "/results?limit=1", null).path("results").path(0);
      if (uri.equals(newest.path("source_uri").asText())
          && ENDED.contains(newest.path("status").asText())) {
        return System.nanoTime() - start;
      }
      Thread.sleep(5);
    }
  }

  private int ended(String trigger) throws Exception {
    int ended = 0;
    String cursor = null;
    do {
      JsonNode page =
          call(
              "GET",
              "/v1/triggers/"
                  + trigger
                  + "/results?limit=100"
                  + (cursor == null ? "" : "&cursor=" + cursor),
              null);
      for (JsonNode r : page.path("results")) {
        ended += ENDED.contains(r.path("status").asText()) ? 1 : 0;
      }
      cursor = page.path("next_cursor").isTextual() ? page.get("next_cursor").asText() : null;
    } while (cursor != null);
    return ended;
  }

  private String upload(String name, int index) {
    try {
      byte[] png = images.get(index % images.size());
      ObjectNode request = JSON.createObjectNode();
      request.put("filename", name).put("content_type", "image/png").put("size_bytes", png.length);
      JsonNode grant = call("POST", "/v1/uploads", request.toString());
      HttpRequest put =
          HttpRequest.newBuilder(URI.create(grant.get("upload_url").asText()))
              .header("Content-Type", "image/png")
              .PUT(HttpRequest.BodyPublishers.ofByteArray(png))
              .build();
      int status = http.send(put, HttpResponse.BodyHandlers.discarding()).statusCode();
      if (status != 200) {
        throw new IllegalStateException("upload answered " + status);
      }
      return grant.get("object_uri").asText();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private String trigger(String template, String prefix) throws Exception {
    return call(
            "POST",
            "/v1/triggers",
            "{\"name\":\"bench\",\"template_id\":\""
                + template
                + "\",\"prefix\":\""
                + prefix
                + "\"}")
        .get("trigger_id")
        .asText();
  }

  private String template() throws Exception {
    Path vision = vision();
    runtime
        .aws()
        .s3()
        .putObject(
            b -> b.bucket("mljobs-data").key("models/bench/shapes-det.onnx"),
            RequestBody.fromFile(vision.resolve("shapes-det.onnx")));
    ObjectNode model = JSON.createObjectNode();
    model.put("model_id", "bench/shapes-det").put("task_type", "object_detection");
    model.put("model_uri", "s3://mljobs-data/models/bench/shapes-det.onnx");
    Files.readAllLines(vision.resolve("shapes-labels.txt")).stream()
        .map(String::strip)
        .filter(l -> !l.isEmpty())
        .forEach(model.putArray("labels")::add);
    ObjectNode p = model.putObject("preprocessing");
    p.put("width", 320).put("height", 320).put("colour", "rgb").put("resize", "letterbox");
    p.put("pad_value", 114).put("scale", 1.0 / 255);
    p.putArray("mean").add(0).add(0).add(0);
    p.putArray("std").add(1).add(1).add(1);
    call("POST", "/v1/models", model.toString());
    return call(
            "POST",
            "/v1/templates",
            "{\"name\":\"detect\",\"job_type\":\"inference\",\"default_params\":"
                + "{\"task_type\":\"object_detection\",\"model_id\":\"bench/shapes-det\","
                + "\"input_data\":{\"image_uris\":[\"s3://mljobs-data/uploads/bench/x.png\"]}}}")
        .get("template_id")
        .asText();
  }

  private void loadImages() throws Exception {
    try (ZipFile zip = new ZipFile(vision().resolve("shapes-det-test.zip").toFile())) {
      for (int i = 0; i < 100; i++) {
        try (InputStream in = zip.getInputStream(zip.getEntry(String.format("%04d.png", i)))) {
          images.add(in.readAllBytes());
        }
      }
    }
  }

  private JsonNode call(String method, String path, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(runtime.apiUrl().resolve(path))
            .header("Authorization", "Bearer " + KEY);
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
      throw new IllegalStateException(method + " " + path + ": " + response.body());
    }
    return JSON.readTree(response.body());
  }

  private static Path vision() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("functions/worker/src/test/resources/vision");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("functions/worker/src/test/resources/vision not found");
  }
}
