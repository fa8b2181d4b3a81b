package dev.mljobs.worker.batch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** One task type of a {@code batch_inference} job, run over a batch of input objects. */
public interface ItemRunner {

  /** What became of one item: its result fields, or why it failed. */
  record Outcome(ObjectNode fields, String error) {

    public static Outcome ok(ObjectNode fields) {
      return new Outcome(fields, null);
    }

    public static Outcome failed(String reason) {
      return new Outcome(null, reason);
    }

    public boolean isOk() {
      return error == null;
    }
  }

  /**
   * Runs the model over the objects' bytes as one batch; an input that cannot be used (a corrupt
   * image, an empty text) fails alone.
   *
   * @return one outcome per input, in order
   * @throws dev.mljobs.worker.JobFailedException when the model itself fails
   */
  List<Outcome> run(List<byte[]> inputs);

  /** The id of the model, for the summary. */
  String modelId();

  /** The batch size when the job gives none. */
  int defaultBatchSize();

  /** The largest batch size accepted. */
  int maxBatchSize();

  /** The largest input object accepted, in bytes. */
  long maxItemBytes();
}
