package dev.mljobs.worker;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mljobs.worker.embed.ModelCache;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;

/** The worker's Lambda entry point: the work as the payload, the result as the response. */
public final class WorkerHandler implements RequestStreamHandler {

  private static final ObjectMapper JSON = new ObjectMapper();

  static {
    // Lambda's init phase, before the first request: the models in PRELOAD_MODELS load here.
    ModelCache.preload(System.getenv());
  }

  private final Worker worker;
  private final WorkerMetrics metrics;

  /** Configured by the function's environment (S3, the model cache). */
  public WorkerHandler() {
    this(new Worker(), System.getenv());
  }

  /** A worker whose metrics go nowhere. */
  public WorkerHandler(Worker worker) {
    this(worker, java.util.Map.of());
  }

  /**
   * @param env whether metrics are emitted: in Lambda, or where {@code AWS_EMF_ENVIRONMENT} is set
   */
  public WorkerHandler(Worker worker, java.util.Map<String, String> env) {
    this.worker = worker;
    this.metrics = WorkerMetrics.fromEnv(env);
  }

  @Override
  public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
    Work work = Work.fromPayload(JSON.readTree(in));
    try {
      long start = System.nanoTime();
      var result = worker.run(work);
      metrics.ran(work, (System.nanoTime() - start) / 1_000_000);
      JSON.writeValue(out, result);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("worker stopped");
    }
  }
}
