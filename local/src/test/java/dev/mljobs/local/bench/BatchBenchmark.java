package dev.mljobs.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mljobs.core.storage.Uploads;
import dev.mljobs.local.runtime.LocalRuntime;
import dev.mljobs.local.runtime.Options;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Figures of {@code batch_inference} through the local runtime (scripts/bench-batch): N shape
 * images (the eight test images, repeated) and N short texts in the local S3, run as one job per
 * task and batch size, the shape classifier registered as a user would; prints wall time, items per
 * second and the model time per item. Asserts nothing.
 */
public final class BatchBenchmark {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BUCKET = "bench-inputs";

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 400;
    System.setProperty("sun.net.httpserver.nodelay", "true");
    // the inputs lie in a bucket of their own, granted to the runtime's owner as an operator would
    Options options =
        Options.forTests().withOwnerSpaces("local=s3://" + BUCKET + "/", Uploads.DEFAULT_MAX_BYTES);
    try (LocalRuntime runtime = LocalRuntime.start(options)) {
      S3Client s3 = runtime.aws().s3();
      s3.createBucket(b -> b.bucket(BUCKET));
      List<String> files =
          new String(resource("shapes/labels.csv"), StandardCharsets.UTF_8)
              .lines()
              .skip(1)
              .map(l -> l.split(",")[0])
              .toList();
      for (int i = 0; i < n; i++) {
        byte[] image = resource("shapes/" + files.get(i % files.size()));
        String key = String.format("images/%05d.png", i);
        s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(image));
        String text = "Sentence number " + i + " is about " + files.get(i % files.size()) + ".";
        String textKey = String.format("texts/%05d.txt", i);
        s3.putObject(b -> b.bucket(BUCKET).key(textKey), RequestBody.fromString(text));
      }
      System.out.printf(
          "%d images and %d texts in the local S3; %d cores%n",
          n, n, Runtime.getRuntime().availableProcessors());
      s3.putObject(
          b -> b.bucket(BUCKET).key("models/shapes-cls.onnx"),
          RequestBody.fromBytes(resource("vision/shapes-cls.onnx")));
      BatchBenchmark bench = new BatchBenchmark(runtime);
      bench.registerShapes();
      bench.run("image_classification", "shapes-cls", "images/", 8, "lambda"); // warm-up
      for (int batch : new int[] {8, 32}) {
        bench.run("image_classification", "shapes-cls", "images/", batch, "lambda");
      }
      bench.run("image_classification", "shapes-cls", "images/", 8, "batch");
      bench.run("txt2embed", "sentence-transformers/all-MiniLM-L6-v2", "texts/", 32, "lambda");
    }
  }

  private final HttpClient http = HttpClient.newHttpClient();
  private final URI base;
  private final String key;

  private BatchBenchmark(LocalRuntime runtime) {
    this.base = runtime.apiUrl();
    this.key = runtime.apiKey();
  }

  /** Registers the shape classifier uploaded to the local S3 as {@code shapes-cls}. */
  private void registerShapes() throws Exception {
    JsonNode model =
        call(
            "POST",
            "/v1/models",
            "{\"model_id\":\"shapes-cls\",\"task_type\":\"image_classification\","
                + "\"model_uri\":\"s3://"
                + BUCKET
                + "/models/shapes-cls.onnx\","
                + "\"labels\":[\"circle\",\"square\",\"triangle\",\"star\"],"
                + "\"preprocessing\":{\"width\":224,\"height\":224,\"colour\":\"rgb\","
                + "\"resize\":\"stretch\",\"mean\":[0.485,0.456,0.406],"
                + "\"std\":[0.229,0.224,0.225]}}");
    if (!model.path("model_id").isTextual()) {
      throw new IllegalStateException("the shape classifier was not registered: " + model);
    }
  }

  private void run(String task, String model, String prefix, int batchSize, String path)
      throws Exception {
    String body =
        "{\"job_type\":\"batch_inference\",\"params\":{\"task_type\":\""
            + task
            + "\",\"model_id\":\""
            + model
            + "\",\"batch_size\":"
            + batchSize
            + ",\"runtime\":\""
            + path
            + "\",\"input_uri\":\"s3://"
            + BUCKET
            + "/"
            + prefix
            + "\"}}";
    long start = System.nanoTime();
    String id = call("POST", "/v1/jobs", body).get("job_id").asText();
    JsonNode job = call("GET", "/v1/jobs/" + id, null);
    while (!List.of("completed", "failed", "cancelled").contains(job.get("status").asText())) {
      Thread.sleep(20);
      job = call("GET", "/v1/jobs/" + id, null);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    JsonNode r = job.get("result");
    if (!job.get("status").asText().equals("completed")) {
      System.out.printf("%s: %s%n", task, job.get("error_message").asText());
      return;
    }
    System.out.printf(
        "%-20s batch %2d on %-6s: %d items (%d failed) in %.2f s = %.0f items/s end to end;"
            + " model %.2f ms per item%n",
        task,
        batchSize,
        path,
        r.get("total_items").asInt(),
        r.get("failed_items").asInt(),
        seconds,
        r.get("total_items").asInt() / seconds,
        r.get("avg_inference_time_ms").asDouble());
  }

  private JsonNode call(String method, String path, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + key);
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    return JSON.readTree(http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body());
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = BatchBenchmark.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("no test resource " + name);
      }
      return in.readAllBytes();
    }
  }
}
