package dev.mljobs.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkEnvironmentTest {

  private static final String JOB_ID = "6f1c1d43-8f0e-4c39-9d0b-3f6f2b2a1c55";
  private static final String SPEC =
      "{\"model_id\":\"acme/shapes\",\"task_type\":\"image_classification\","
          + "\"model_uri\":\"s3://models/shapes.onnx\",\"labels\":[\"circle\",\"square\"],"
          + "\"preprocessing\":{\"width\":224,\"height\":224}}";

  private static Map<String, String> env(String... pairs) {
    Map<String, String> env = new HashMap<>();
    env.put("JOB_ID", JOB_ID);
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  @Test
  void the_named_variables_give_the_same_work_as_the_lambda_payload() {
    // given
    Map<String, String> env =
        env(
            "ATTEMPT", "2",
            "MODEL_URI", "shapes-det",
            "INPUT_URI", "s3://in/images/",
            "OUTPUT_URI", "s3://out/results/x",
            "TASK_TYPE", "object_detection",
            "BATCH_SIZE", "16",
            "CONFIDENCE_THRESHOLD", "0.5",
            "IOU_THRESHOLD", "0.6",
            "MAX_DETECTIONS", "20",
            "DEVICE", "cpu",
            "CALLBACK_URL", "http://api/v1/jobs/x/progress",
            "CALLBACK_TOKEN", "t");

    // when
    Work work = WorkEnvironment.from(env);

    // then
    assertThat(work.jobType()).isEqualTo("batch_inference");
    assertThat(work.attempt()).isEqualTo(2);
    assertThat(work.outputUri()).isEqualTo("s3://out/results/x/");
    assertThat(work.params().toString())
        .isEqualTo(
            "{\"model_id\":\"shapes-det\",\"input_uri\":\"s3://in/images/\","
                + "\"task_type\":\"object_detection\",\"batch_size\":16,"
                + "\"confidence_threshold\":0.5,\"iou_threshold\":0.6,\"max_detections\":20}");
    assertThat(work.callbackUrl()).isEqualTo("http://api/v1/jobs/x/progress");
  }

  @Test
  void the_trace_id_comes_as_trace_id_as_in_the_lambda_payload() {
    Work fromEnv = WorkEnvironment.from(env("INPUT_URI", "s3://in/x/", "TRACE_ID", "Root=1-abc"));
    Work fromPayload =
        Work.fromPayload(
            JsonNodeFactory.instance
                .objectNode()
                .put("job_id", fromEnv.jobId().toString())
                .put("job_type", "sleep")
                .put("trace_id", "Root=1-abc"));
    assertThat(fromEnv.traceId()).isEqualTo("Root=1-abc");
    assertThat(fromPayload.traceId()).isEqualTo("Root=1-abc");
    assertThat(WorkEnvironment.from(env("INPUT_URI", "s3://in/x/")).traceId()).isNull();
  }

  @Test
  void the_owner_space_comes_as_prefixes_separated_by_spaces_and_without_it_nothing_is_readable() {
    Work work =
        WorkEnvironment.from(
            env(
                "INPUT_URI",
                "s3://mljobs-data/uploads/bob/x/",
                "OWNER_SPACE",
                "s3://mljobs-data/uploads/bob/ s3://acme/team/"));
    assertThat(work.ownerSpace().uris())
        .containsExactly("s3://mljobs-data/uploads/bob/", "s3://acme/team/");
    assertThat(WorkEnvironment.from(env("INPUT_URI", "s3://in/x/")).ownerSpace().prefixes())
        .isEmpty();
    assertThatThrownBy(
            () -> WorkEnvironment.from(env("INPUT_URI", "s3://in/x/", "OWNER_SPACE", "s3://a/b")))
        .hasMessageStartingWith("OWNER_SPACE must be s3:// prefixes");
  }

  @Test
  void a_named_variable_overrides_the_same_field_of_job_params() {
    Work work =
        WorkEnvironment.from(
            env(
                "JOB_TYPE", "inference",
                "JOB_PARAMS", "{\"task_type\":\"txt2embed\",\"batch_size\":4}",
                "BATCH_SIZE", "8"));
    assertThat(work.jobType()).isEqualTo("inference");
    assertThat(work.params().get("batch_size").asInt()).isEqualTo(8);
    assertThat(work.params().get("task_type").asText()).isEqualTo("txt2embed");
    assertThat(work.outputUri()).isNull();
  }

  @Test
  void a_registered_model_comes_as_its_file_and_its_spec() {
    Work work =
        WorkEnvironment.from(
            env(
                "INPUT_URI", "s3://in/images/",
                "OUTPUT_URI", "s3://out/x/",
                "MODEL_URI", "s3://models/v2/shapes.onnx",
                "MODEL_SPEC", SPEC));
    assertThat(work.params().get("model_id").asText()).isEqualTo("acme/shapes");
    assertThat(work.model().get("model_uri").asText()).isEqualTo("s3://models/v2/shapes.onnx");
    assertThat(work.model().get("labels")).hasSize(2);
  }

  @Test
  void a_built_in_model_is_its_id_in_model_uri() {
    Work work =
        WorkEnvironment.from(
            env(
                "JOB_TYPE", "inference",
                "MODEL_URI", "sentence-transformers/all-MiniLM-L6-v2",
                "TASK_TYPE", "txt2embed"));
    assertThat(work.params().get("model_id").asText())
        .isEqualTo("sentence-transformers/all-MiniLM-L6-v2");
    assertThat(work.model()).isNull();
  }

  @Test
  void each_wrong_variable_is_named_in_a_one_line_reason() {
    assertReason(env("JOB_TYPE", "sleep", "BATCH_SIZE", "0"), "BATCH_SIZE must be a positive");
    assertReason(env("INPUT_URI", "/data/images"), "INPUT_URI must be an s3://bucket/");
    assertReason(env("INPUT_URI", "s3://b/", "OUTPUT_URI", "s3:///x"), "OUTPUT_URI must be");
    assertReason(env("INPUT_URI", "s3://b/", "IOU_THRESHOLD", "1.5"), "IOU_THRESHOLD must be");
    assertReason(env("INPUT_URI", "s3://b/", "DEVICE", "tpu"), "DEVICE must be cpu or cuda");
    assertReason(
        env("INPUT_URI", "s3://b/", "MODEL_URI", "s3://m/model.onnx"), "MODEL_SPEC must give");
    assertReason(env("JOB_TYPE", "sleep", "MODEL_SPEC", "[1]"), "MODEL_SPEC must be a JSON");
    assertReason(env("JOB_TYPE", "sleep", "MODEL_SPEC", SPEC, "MODEL_URI", "shapes"), "MODEL_URI");
    assertReason(env("JOB_TYPE", "sleep", "JOB_PARAMS", "[1]"), "JOB_PARAMS must be a JSON");
    assertReason(env("JOB_TYPE", "sleep", "ATTEMPT", "x"), "ATTEMPT must be a positive");
    assertReason(env(), "JOB_TYPE is not set");
    Map<String, String> noId = env("JOB_TYPE", "sleep");
    noId.remove("JOB_ID");
    assertReason(noId, "JOB_ID is not set");
    assertReason(env("JOB_TYPE", "sleep", "JOB_ID", "42"), "JOB_ID must be a UUID");
  }

  @Test
  void the_cli_exits_2_with_one_line_on_stderr_for_a_bad_environment() {
    PrintStream original = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    int exit;
    try {
      exit = WorkerCli.run(env("INPUT_URI", "s3://b/", "BATCH_SIZE", "many"));
    } finally {
      System.setErr(original);
    }
    assertThat(exit).isEqualTo(WorkerCli.BAD_ENVIRONMENT);
    assertThat(err.toString(StandardCharsets.UTF_8).strip())
        .isEqualTo("bad worker environment: BATCH_SIZE must be a positive integer, got many");
  }

  private static void assertReason(Map<String, String> env, String reason) {
    assertThatThrownBy(() -> WorkEnvironment.from(env))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(reason)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }
}
