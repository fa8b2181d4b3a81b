package dev.mljobs.worker.vision;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;

/** Runs a batch of prepared images through a model's session, as one NCHW tensor. */
final class BatchRunner {

  /** The first output of the model, flat, and its shape (batch first). */
  record Output(float[] values, long[] shape) {

    /** Returns the number of values per image. */
    int perImage() {
      return values.length / (int) shape[0];
    }
  }

  private final VisionModel model;
  private final OrtSession session;
  private final String inputName;

  BatchRunner(VisionModel model) {
    this.model = model;
    this.session = OrtModels.session(model);
    this.inputName = session.getInputNames().iterator().next();
  }

  Output run(List<PreparedImage> batch) throws OrtException {
    Preprocessing p = model.preprocessing();
    int size = p.colour().channels() * p.height() * p.width();
    FloatBuffer input = FloatBuffer.allocate(batch.size() * size);
    for (PreparedImage image : batch) {
      input.put(image.pixels());
    }
    input.flip();
    long[] shape = {batch.size(), p.colour().channels(), p.height(), p.width()};
    try (OnnxTensor tensor = OnnxTensor.createTensor(OrtModels.environment(), input, shape);
        OrtSession.Result result = session.run(Map.of(inputName, tensor))) {
      OnnxTensor out = (OnnxTensor) result.get(0);
      FloatBuffer values = out.getFloatBuffer();
      float[] flat = new float[values.remaining()];
      values.get(flat);
      return new Output(flat, out.getInfo().getShape());
    }
  }
}
