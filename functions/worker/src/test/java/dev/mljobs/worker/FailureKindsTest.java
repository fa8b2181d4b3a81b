package dev.mljobs.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.mljobs.core.job.FailureKind;
import dev.mljobs.worker.s3.S3Objects;
import dev.mljobs.worker.s3.S3Uri;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The worker classifies its failures as the workflow reads them: by class name and exit code. */
class FailureKindsTest {

  private static final String JOB_ID = "6f1c1d43-8f0e-4c39-9d0b-3f6f2b2a1c55";

  @Test
  void the_error_names_the_steps_function_classifies_by_are_the_workers_exception_classes() {
    // Lambda reports an uncaught exception by its class name: a rename must fail here
    assertThat(FailureKind.PERMANENT.errorName()).isEqualTo(JobFailedException.class.getName());
    assertThat(FailureKind.TRANSIENT.errorName())
        .isEqualTo(TransientJobFailedException.class.getName());
    assertThat(new JobFailedException("x").kind()).isEqualTo(FailureKind.PERMANENT);
    assertThat(JobFailedException.of(FailureKind.TRANSIENT, "x"))
        .isInstanceOf(TransientJobFailedException.class)
        .extracting(JobFailedException::kind)
        .isEqualTo(FailureKind.TRANSIENT);
  }

  @Test
  void the_cli_exits_4_for_a_failure_that_cannot_pass_and_1_for_one_that_may() {
    // bad params: permanent
    assertThat(cli("sleep", "{\"seconds\":-1}"))
        .isEqualTo(new Exit(4, "params.seconds must be a number from 0 to 3600"));
    // a job type no worker runs: permanent
    assertThat(cli("drift", "{}"))
        .isEqualTo(new Exit(4, "job_type 'drift' is not supported by this worker"));
    // a failure on purpose: transient, so that retries can be exercised
    assertThat(cli("sleep", "{\"seconds\":0,\"fail\":\"flaky disk\"}"))
        .isEqualTo(new Exit(1, "flaky disk"));
    assertThat(FailureKind.ofExitCode(4)).isEqualTo(FailureKind.PERMANENT);
    assertThat(FailureKind.ofExitCode(WorkerCli.BAD_ENVIRONMENT)).isEqualTo(FailureKind.PERMANENT);
    assertThat(FailureKind.ofExitCode(1)).isEqualTo(FailureKind.TRANSIENT);
    assertThat(FailureKind.ofExitCode(137)).as("killed").isEqualTo(FailureKind.TRANSIENT);
  }

  @Test
  void s3_that_cannot_be_reached_is_a_failure_that_may_pass() throws IOException {
    // given: a port nothing listens on
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    try (S3Objects s3 =
        S3Objects.fromEnvironment(
            Map.of(
                "AWS_ENDPOINT_URL_S3", "http://127.0.0.1:" + port,
                "AWS_ACCESS_KEY_ID", "local",
                "AWS_SECRET_ACCESS_KEY", "local-secret"))) {
      // when
      IOException e =
          catchThrowableOfType(
              IOException.class, () -> s3.read(S3Uri.parse("s3://b/in.txt"), 1024));
      // then: transient, and said without the endpoint (hosts and ports are the platform's)
      assertThat(S3Objects.kindOf(e)).isEqualTo(FailureKind.TRANSIENT);
      assertThat(e)
          .hasMessage("s3://b/in.txt cannot be read: S3 did not answer (SdkClientException)");
      IOException listing =
          catchThrowableOfType(IOException.class, () -> s3.list(S3Uri.parse("s3://b/in/"), 10));
      assertThat(listing)
          .hasMessage("s3://b/in/ cannot be listed: S3 did not answer (SdkClientException)");
      IOException writing =
          catchThrowableOfType(
              IOException.class,
              () -> s3.put(S3Uri.parse("s3://b/out.json"), new byte[] {1}, "application/json"));
      assertThat(writing)
          .hasMessage("s3://b/out.json cannot be written: S3 did not answer (SdkClientException)");
      assertThat(S3Objects.kindOf(new IOException("s3://b/in.txt does not exist")))
          .isEqualTo(FailureKind.PERMANENT);
    }
  }

  @Test
  void a_batch_job_whose_input_s3_cannot_reach_exits_1_to_be_retried() throws IOException {
    // given: S3 on a port nothing listens on
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Map<String, String> env =
        Map.of(
            "JOB_ID", JOB_ID,
            "INPUT_URI", "s3://mljobs-data/uploads/x/texts/",
            "OUTPUT_URI", "s3://mljobs-data/results/x/",
            "TASK_TYPE", "txt2embed",
            "MODEL_URI", "sentence-transformers/all-MiniLM-L6-v2",
            "AWS_ENDPOINT_URL_S3", "http://127.0.0.1:" + port,
            "AWS_ACCESS_KEY_ID", "local",
            "AWS_SECRET_ACCESS_KEY", "local-secret",
            "OWNER_SPACE", "s3://mljobs-data/uploads/x/");
    // when
    Exit exit = cli(env);
    // then
    assertThat(exit.code()).as(exit.stderr()).isEqualTo(1);
    assertThat(exit.stderr())
        .startsWith("params.input_uri: s3://mljobs-data/uploads/x/texts/ cannot be listed: ")
        .doesNotContain("127.0.0.1")
        .doesNotContain(":" + port);
  }

  record Exit(int code, String stderr) {}

  private static Exit cli(String jobType, String params) {
    return cli(Map.of("JOB_ID", JOB_ID, "JOB_TYPE", jobType, "JOB_PARAMS", params));
  }

  private static Exit cli(Map<String, String> env) {
    PrintStream original = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int code = WorkerCli.run(env);
      return new Exit(code, err.toString(StandardCharsets.UTF_8).strip());
    } finally {
      System.setErr(original);
    }
  }
}
