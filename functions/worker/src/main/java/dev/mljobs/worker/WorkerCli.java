package dev.mljobs.worker;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mljobs.core.job.FailureKind;
import dev.mljobs.worker.s3.S3Objects;
import dev.mljobs.worker.s3.S3Uri;
import java.io.IOException;
import java.util.Map;

/**
 * The worker's command-line entry point, run by AWS Batch (and locally by the runtime's Batch
 * emulation): the work comes from the environment (see {@link WorkEnvironment} and the worker
 * contract in docs/jobs.md), the result goes to {@code RESULT_URI} in S3 when given, and to stdout,
 * as JSON. Exit code 0 on success; otherwise non-zero with a one-line reason on stderr: 1 a failure
 * that may pass, 4 one that cannot ({@link FailureKind}), 2 a bad environment, 3 cancelled.
 */
public final class WorkerCli {

  /** A failure that may pass (and any crash: the JVM exits 1 on an uncaught exception too). */
  static final int FAILED = FailureKind.TRANSIENT.exitCode();

  /** A failure that trying again cannot mend. */
  static final int FAILED_PERMANENTLY = FailureKind.PERMANENT.exitCode();

  static final int CANCELLED = FailureKind.EXIT_CANCELLED;
  static final int BAD_ENVIRONMENT = FailureKind.EXIT_BAD_ENVIRONMENT;

  private WorkerCli() {}

  public static void main(String[] args) {
    System.exit(run(System.getenv()));
  }

  static int run(Map<String, String> env) {
    ObjectMapper json = new ObjectMapper();
    Work work;
    try {
      work = WorkEnvironment.from(env);
    } catch (IllegalArgumentException e) {
      System.err.println("bad worker environment: " + e.getMessage());
      return BAD_ENVIRONMENT;
    }
    try {
      byte[] result = json.writeValueAsBytes(new Worker(env).run(work));
      String resultUri = env.get("RESULT_URI");
      if (resultUri != null) {
        // Batch hands no payload back: the workflow's next step reads the result there
        try (S3Objects s3 = S3Objects.fromEnvironment(env)) {
          s3.put(S3Uri.parse(resultUri), result, "application/json");
        }
      }
      System.out.println(new String(result, java.nio.charset.StandardCharsets.UTF_8));
      return 0;
    } catch (JobFailedException e) {
      System.err.println(e.getMessage());
      return e.kind().exitCode();
    } catch (JobCancelledException e) {
      System.err.println("cancelled: " + e.getMessage());
      return CANCELLED;
    } catch (InterruptedException e) {
      System.err.println("stopped");
      return CANCELLED;
    } catch (IOException | RuntimeException e) {
      System.err.println("could not write the result: " + e.getMessage());
      return FAILED;
    }
  }
}
