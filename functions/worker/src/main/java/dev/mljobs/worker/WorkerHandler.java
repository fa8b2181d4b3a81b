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

  /** Configured by the function's environment (S3, the model cache). */
  public WorkerHandler() {
    this(new Worker());
  }

  public WorkerHandler(Worker worker) {
    this.worker = worker;
  }

  @Override
  public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
    Work work = Work.fromPayload(JSON.readTree(in));
    try {
      JSON.writeValue(out, worker.run(work));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("worker stopped");
    }
  }
}
