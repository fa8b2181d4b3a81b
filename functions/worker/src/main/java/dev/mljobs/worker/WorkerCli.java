package dev.mljobs.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Map;

/**
 * The worker's command-line entry point, run by AWS Batch (and locally by the runtime's Batch
 * emulation): the work comes from the environment ({@code JOB_ID}, {@code ATTEMPT}, {@code
 * JOB_TYPE}, {@code JOB_PARAMS}, {@code CALLBACK_URL}, {@code CALLBACK_TOKEN}, and for a registered
 * model {@code MODEL_URI} and {@code MODEL_SPEC}), the result goes to {@code RESULT_URI} in S3 when
 * given, and to stdout, as JSON. Exit code 0 on success; otherwise non-zero with a one-line reason
 * on stderr.
 */
public final class WorkerCli {

  static final int FAILED = 1;
  static final int CANCELLED = 3;
  static final int BAD_ENVIRONMENT = 2;

  private WorkerCli() {}

  public static void main(String[] args) {
    System.exit(run(System.getenv()));
  }

  static int run(Map<String, String> env) {
    ObjectMapper json = new ObjectMapper();
    Work work;
    try {
      JsonNode params = json.readTree(env.getOrDefault("JOB_PARAMS", "{}"));
      if (!params.isObject()) {
        throw new IllegalArgumentException("JOB_PARAMS must be a JSON object");
      }
      JsonNode model = json.readTree(env.getOrDefault("MODEL_SPEC", "null"));
      if (!model.isNull() && !model.isObject()) {
        throw new IllegalArgumentException("MODEL_SPEC must be a JSON object");
      }
      work =
          Work.fromEnvironment(
              env, (ObjectNode) params, model.isNull() ? null : (ObjectNode) model);
    } catch (IOException | IllegalArgumentException e) {
      System.err.println("bad worker environment: " + e.getMessage());
      return BAD_ENVIRONMENT;
    }
    try {
      byte[] result = json.writeValueAsBytes(new Worker(env).run(work));
      String resultUri = env.get("RESULT_URI");
      if (resultUri != null) {
        ResultUpload.put(resultUri, result, env);
      }
      System.out.println(new String(result, java.nio.charset.StandardCharsets.UTF_8));
      return 0;
    } catch (JobFailedException e) {
      System.err.println(e.getMessage());
      return FAILED;
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
