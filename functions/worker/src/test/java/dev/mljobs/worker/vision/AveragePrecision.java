package dev.mljobs.worker.vision;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * COCO-style average precision (101 recall points, greedy matching by score, all areas), the figure
 * pycocotools and the models' README report.
 */
final class AveragePrecision {

  /** A ground-truth or detected box of one image. */
  record Labelled(int imageId, Detection detection) {}

  private AveragePrecision() {}

  /** Returns the mean over classes of the AP at {@code iouThreshold}. */
  static double mean(List<Labelled> detections, List<Labelled> truths, int classes, float iou) {
    double sum = 0;
    for (int c = 0; c < classes; c++) {
      sum += of(detections, truths, c, iou);
    }
    return sum / classes;
  }

  /** Returns the mean of {@link #mean} over the IoU thresholds 0.50, 0.55, ..., 0.95. */
  static double meanOverIous(List<Labelled> detections, List<Labelled> truths, int classes) {
    double sum = 0;
    for (int t = 0; t < 10; t++) {
      sum += mean(detections, truths, classes, 0.5f + 0.05f * t);
    }
    return sum / 10;
  }

  private static double of(List<Labelled> detections, List<Labelled> truths, int c, float iou) {
    Map<Integer, List<Box>> truthByImage = new HashMap<>();
    truths.stream()
        .filter(t -> t.detection().classId() == c)
        .forEach(
            t ->
                truthByImage
                    .computeIfAbsent(t.imageId(), k -> new ArrayList<>())
                    .add(t.detection().box()));
    long positives = truthByImage.values().stream().mapToLong(List::size).sum();
    List<Labelled> ranked =
        detections.stream()
            .filter(d -> d.detection().classId() == c)
            .sorted(Comparator.comparingDouble((Labelled d) -> -d.detection().confidence()))
            .toList();
    Map<Integer, boolean[]> matched = new HashMap<>();
    double[] recall = new double[ranked.size()];
    double[] precision = new double[ranked.size()];
    int tp = 0;
    for (int i = 0; i < ranked.size(); i++) {
      Labelled d = ranked.get(i);
      List<Box> boxes = truthByImage.getOrDefault(d.imageId(), List.of());
      boolean[] used = matched.computeIfAbsent(d.imageId(), k -> new boolean[boxes.size()]);
      int best = -1;
      float bestIou = iou;
      for (int j = 0; j < boxes.size(); j++) {
        float o = boxes.get(j).iou(d.detection().box());
        if (!used[j] && o >= bestIou) {
          best = j;
          bestIou = o;
        }
      }
      if (best >= 0) {
        used[best] = true;
        tp++;
      }
      recall[i] = (double) tp / positives;
      precision[i] = (double) tp / (i + 1);
    }
    for (int i = ranked.size() - 1; i > 0; i--) {
      precision[i - 1] = Math.max(precision[i - 1], precision[i]);
    }
    double sum = 0;
    int i = 0;
    for (int r = 0; r <= 100; r++) {
      while (i < recall.length && recall[i] < r / 100.0) {
        i++;
      }
      sum += i < recall.length ? precision[i] : 0;
    }
    return sum / 101;
  }
}
