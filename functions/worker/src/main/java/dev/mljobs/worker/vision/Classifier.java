package dev.mljobs.worker.vision;

import ai.onnxruntime.OrtException;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/** Image classification with a model that outputs logits {@code [N, classes]}. */
public final class Classifier {

  private final VisionModel model;
  private final ImagePreprocessor preprocessor;
  private final BatchRunner runner;

  /** Creates a classifier over the model's cached session. */
  public Classifier(VisionModel model) {
    this.model = model;
    this.preprocessor = new ImagePreprocessor(model.preprocessing());
    this.runner = new BatchRunner(model);
  }

  /** Returns the logits of each image, in order, computed as one batch. */
  public List<float[]> logits(List<BufferedImage> images) throws OrtException {
    List<PreparedImage> batch = images.stream().map(preprocessor::prepare).toList();
    BatchRunner.Output out = runner.run(batch);
    int classes = out.perImage();
    List<float[]> logits = new ArrayList<>(images.size());
    for (int i = 0; i < images.size(); i++) {
      logits.add(Arrays.copyOfRange(out.values(), i * classes, (i + 1) * classes));
    }
    return logits;
  }

  /** Returns the {@code k} most probable classes of each image, most probable first. */
  public List<List<ClassScore>> classify(List<BufferedImage> images, int k) throws OrtException {
    return logits(images).stream().map(l -> topK(l, k)).toList();
  }

  /** Returns the {@code k} most probable classes of these logits, most probable first. */
  public List<ClassScore> topK(float[] logits, int k) {
    double[] p = softmax(logits);
    return IntStream.range(0, p.length)
        .boxed()
        .sorted(Comparator.comparingDouble((Integer i) -> -p[i]))
        .limit(k)
        .map(i -> new ClassScore(i, model.label(i), (float) p[i]))
        .toList();
  }

  /** Returns the softmax of the logits, computed stably (the max is subtracted first). */
  public static double[] softmax(float[] logits) {
    double max = Double.NEGATIVE_INFINITY;
    for (float v : logits) {
      max = Math.max(max, v);
    }
    double[] p = new double[logits.length];
    double sum = 0;
    for (int i = 0; i < p.length; i++) {
      p[i] = Math.exp(logits[i] - max);
      sum += p[i];
    }
    for (int i = 0; i < p.length; i++) {
      p[i] /= sum;
    }
    return p;
  }
}
