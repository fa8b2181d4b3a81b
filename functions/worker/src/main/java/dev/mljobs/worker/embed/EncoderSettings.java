package dev.mljobs.worker.embed;

import dev.mljobs.worker.Device;
import dev.mljobs.worker.JobFailedException;
import java.util.Map;

/**
 * How an encoder uses the machine.
 *
 * @param intraOpThreads ONNX Runtime threads inside one model run ({@code ORT_INTRA_OP_THREADS},
 *     default 1)
 * @param parallelRuns batches run at the same time, each on its own thread ({@code
 *     ORT_PARALLEL_RUNS}, default: the available processors divided by the intra-op threads). On a
 *     few cores this beats threads inside a run: a run of a short batch is many small operators,
 *     and each one would wait for every thread of the pool, while parallel runs never wait for each
 *     other (see docs/embeddings.md for the figures).
 * @param device where the model runs ({@code DEVICE}); on CUDA, batches run one at a time
 */
public record EncoderSettings(int intraOpThreads, int parallelRuns, Device device) {

  public EncoderSettings {
    if (intraOpThreads < 1 || parallelRuns < 1 || device == null) {
      throw new IllegalArgumentException("threads and runs must be positive, device given");
    }
  }

  /**
   * @throws JobFailedException when a variable is not a positive integer or not a device
   */
  public static EncoderSettings fromEnvironment(Map<String, String> env, int processors) {
    int threads = positive(env, "ORT_INTRA_OP_THREADS", 1);
    Device device = Device.fromEnvironment(env);
    int runs = positive(env, "ORT_PARALLEL_RUNS", Math.max(1, processors / threads));
    return new EncoderSettings(threads, runs, device);
  }

  /** The same settings on another device. */
  public EncoderSettings on(Device other) {
    return new EncoderSettings(intraOpThreads, parallelRuns, other);
  }

  private static int positive(Map<String, String> env, String name, int otherwise) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return otherwise;
    }
    try {
      int n = Integer.parseInt(value.trim());
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below, with the value
    }
    throw new JobFailedException(name + " must be a positive integer, not '" + value + "'");
  }
}
