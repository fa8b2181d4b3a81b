package dev.mljobs.worker.vision;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Greedy class-aware non-maximum suppression: boxes of different classes never suppress. */
public final class Nms {

  private Nms() {}

  /**
   * Returns the detections kept, highest confidence first: each one that overlaps a kept one of the
   * same class by more than {@code iouThreshold} is dropped; at most {@code maxDetections}.
   */
  public static List<Detection> apply(
      List<Detection> detections, float iouThreshold, int maxDetections) {
    List<Detection> sorted = new ArrayList<>(detections);
    sorted.sort(Comparator.comparingDouble((Detection d) -> -d.confidence()));
    List<Detection> kept = new ArrayList<>();
    for (Detection candidate : sorted) {
      if (kept.size() == maxDetections) {
        break;
      }
      boolean suppressed = false;
      for (Detection k : kept) {
        if (k.classId() == candidate.classId() && k.box().iou(candidate.box()) > iouThreshold) {
          suppressed = true;
          break;
        }
      }
      if (!suppressed) {
        kept.add(candidate);
      }
    }
    return kept;
  }
}
