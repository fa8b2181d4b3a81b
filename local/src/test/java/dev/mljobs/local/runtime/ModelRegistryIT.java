package dev.mljobs.local.runtime;

import static dev.mljobs.local.runtime.ApiClient.terminal;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mljobs.local.aws.LocalClients;
import dev.mljobs.local.junit.LocalRuntimeExtension;
import dev.mljobs.worker.model.ModelFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Model registration end to end: an ONNX file uploaded to the local S3, registered over the API
 * (which loads and checks it), then used by inference jobs on the Lambda and the Batch path, whose
 * workers fetch it from S3 themselves.
 */
@ExtendWith(LocalRuntimeExtension.class)
class ModelRegistryIT {

  private static final String BUCKET = "mljobs-data";
  private static final String MODEL_KEY = "models/local/shapes-cls.onnx";
  private static final String SHAPES =
      """
      {"model_id": "acme/shapes-cls", "task_type": "image_classification",
       "model_uri": "s3://mljobs-data/models/local/shapes-cls.onnx",
       "labels": %s,
       "preprocessing": {"width": 224, "height": 224, "colour": "rgb", "resize": "stretch",
                         "mean": [0.485, 0.456, 0.406], "std": [0.229, 0.224, 0.225]}}
      """;
  private static final String LABELS = "[\"circle\", \"square\", \"triangle\", \"star\"]";

  private static Path vision;

  @BeforeAll
  static void upload(LocalRuntime runtime) throws IOException {
    vision = visionResources();
    runtime
        .aws()
        .s3()
        .putObject(
            b -> b.bucket(BUCKET).key(MODEL_KEY),
            RequestBody.fromFile(vision.resolve("shapes-cls.onnx")));
    runtime
        .aws()
        .s3()
        .putObject(
            b -> b.bucket(BUCKET).key("models/local/notes.onnx"),
            RequestBody.fromString("not a model", StandardCharsets.UTF_8));
  }

  @Test
  void a_registered_model_classifies_an_image_on_both_worker_paths(LocalRuntime runtime)
      throws Exception {
    ApiClient api = new ApiClient(runtime);
    // given: the model, registered
    ApiClient.Answer registered = api.send("POST", "/v1/models", SHAPES.formatted(LABELS));
    assertThat(registered.status()).as(registered.body().toString()).isEqualTo(201);
    assertThat(registered.raw().headers().firstValue("location"))
        .contains("/v1/models/acme/shapes-cls");
    assertThat(api.send("GET", "/v1/models/acme/shapes-cls", null).body().get("labels")).hasSize(4);
    assertThat(api.send("POST", "/v1/models", SHAPES.formatted(LABELS)).status()).isEqualTo(409);
    // and: a test image with its known class
    String[] image = testImage("0000.png");
    String job =
        """
        {"job_type": "inference", "params": {"task_type": "image_classification",
         "model_id": "acme/shapes-cls", "top_k": 2, "runtime": "%s",
         "input_data": {"image_base64": "%s"}}}
        """;
    // when
    String onLambda = api.submit(job.formatted("lambda", image[0])).get("job_id").asText();
    String onBatch = api.submit(job.formatted("batch", image[0])).get("job_id").asText();
    // then
    for (String id : new String[] {onLambda, onBatch}) {
      JsonNode done = api.await(id, terminal(), Duration.ofSeconds(90));
      assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("completed");
      JsonNode best = done.at("/result/results/0/predictions/0");
      assertThat(best.get("class_name").asText()).isEqualTo(image[1]);
      assertThat(done.at("/result/model_id").asText()).isEqualTo("acme/shapes-cls");
    }
  }

  @Test
  void a_model_that_does_not_fit_is_refused_naming_the_field(LocalRuntime runtime) {
    ApiClient api = new ApiClient(runtime);
    ApiClient.Answer wrongLabels =
        api.send(
            "POST",
            "/v1/models",
            SHAPES.replace("acme/shapes-cls", "acme/three").formatted("[\"a\", \"b\", \"c\"]"));
    assertThat(wrongLabels.status()).isEqualTo(400);
    assertThat(wrongLabels.raw().headers().firstValue("content-type"))
        .contains("application/problem+json");
    assertThat(wrongLabels.body().at("/errors/0/field").asText()).isEqualTo("labels");
    assertThat(wrongLabels.body().at("/errors/0/message").asText())
        .isEqualTo("model output has 4 classes but 3 labels were given");

    ApiClient.Answer missing =
        api.send(
            "POST",
            "/v1/models",
            SHAPES
                .replace("acme/shapes-cls", "acme/gone")
                .replace("shapes-cls.onnx", "gone.onnx")
                .formatted(LABELS));
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.body().at("/errors/0/field").asText()).isEqualTo("model_uri");
    assertThat(missing.body().at("/errors/0/message").asText())
        .isEqualTo("no object at s3://mljobs-data/models/local/gone.onnx");

    ApiClient.Answer notOnnx =
        api.send(
            "POST",
            "/v1/models",
            SHAPES
                .replace("acme/shapes-cls", "acme/notes")
                .replace("shapes-cls.onnx", "notes.onnx")
                .formatted(LABELS));
    assertThat(notOnnx.status()).isEqualTo(400);
    assertThat(notOnnx.body().at("/errors/0/field").asText()).isEqualTo("model_uri");
    assertThat(notOnnx.body().at("/errors/0/message").asText())
        .startsWith("s3://mljobs-data/models/local/notes.onnx is not an ONNX model");

    assertThat(api.send("GET", "/v1/models/acme/three", null).status()).isEqualTo(404);
  }

  @Test
  void a_job_naming_an_unknown_model_is_refused_at_submission(LocalRuntime runtime) {
    ApiClient.Answer answer =
        new ApiClient(runtime)
            .send(
                "POST",
                "/v1/jobs",
                """
                {"job_type": "inference", "params": {"task_type": "image_classification",
                 "model_id": "acme/nope", "input_data": {"image_base64": "AAAA"}}}
                """);
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body().at("/errors/0/field").asText()).isEqualTo("params.model_id");
  }

  @Test
  void the_model_cache_reuses_a_version_and_fetches_a_replaced_object_again(
      LocalRuntime runtime, @TempDir Path cache) throws Exception {
    // given: a worker's model files on the local S3, with their own cache directory
    ModelFiles files =
        new ModelFiles(
            Map.of(
                "AWS_REGION", LocalClients.REGION.id(),
                "AWS_ACCESS_KEY_ID", LocalClients.ACCESS_KEY,
                "AWS_SECRET_ACCESS_KEY", LocalClients.SECRET_KEY,
                "AWS_ENDPOINT_URL_S3", runtime.aws().s3Endpoint().toString(),
                "MODEL_CACHE_DIR", cache.toString()));
    String uri = "s3://" + BUCKET + "/models/local/versioned.bin";
    put(runtime, "models/local/versioned.bin", "first");
    // when
    Path first = files.fetch(uri);
    Path again = files.fetch(uri);
    put(runtime, "models/local/versioned.bin", "second version");
    Path replaced = files.fetch(uri);
    // then
    assertThat(again).isEqualTo(first);
    assertThat(Files.readString(first)).isEqualTo("first");
    assertThat(replaced).isNotEqualTo(first).hasParent(cache);
    assertThat(Files.readString(replaced)).isEqualTo("second version");
    try (var listing = Files.list(cache)) {
      assertThat(listing).hasSize(2); // no partial downloads left behind
    }
  }

  private static void put(LocalRuntime runtime, String key, String content) {
    runtime
        .aws()
        .s3()
        .putObject(
            b -> b.bucket(BUCKET).key(key),
            RequestBody.fromString(content, StandardCharsets.UTF_8));
  }

  /** A test image, base64, and its class from the test set's labels. */
  private static String[] testImage(String name) throws IOException {
    try (ZipFile zip = new ZipFile(vision.resolve("shapes-cls-test.zip").toFile())) {
      byte[] png;
      try (InputStream in = zip.getInputStream(zip.getEntry(name))) {
        png = in.readAllBytes();
      }
      String labels;
      try (InputStream in = zip.getInputStream(zip.getEntry("labels.csv"))) {
        labels = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      String label =
          labels
              .lines()
              .filter(l -> l.startsWith(name + ","))
              .findFirst()
              .orElseThrow()
              .substring(name.length() + 1);
      return new String[] {Base64.getEncoder().encodeToString(png), label};
    }
  }

  /** The worker's test models, found from the module's directory upwards. */
  private static Path visionResources() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("functions/worker/src/test/resources/vision");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("functions/worker/src/test/resources/vision not found");
  }
}
