package dev.mljobs.worker.vision;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NmsTest {

  private static Detection detection(int classId, float confidence, float x1, float y1) {
    return new Detection(new Box(x1, y1, x1 + 100, y1 + 100), classId, confidence);
  }

  @Test
  void overlapping_boxes_of_the_same_class_merge_into_the_most_confident() {
    // given: IoU of the two is 90*100 / (2*10000 - 9000) = 0.82
    Detection weaker = detection(0, 0.6f, 10, 0);
    Detection stronger = detection(0, 0.9f, 0, 0);

    // when
    List<Detection> kept = Nms.apply(List.of(weaker, stronger), 0.45f, 100);

    // then
    assertThat(kept).containsExactly(stronger);
  }

  @Test
  void overlapping_boxes_of_different_classes_are_both_kept() {
    // given
    Detection circle = detection(0, 0.9f, 0, 0);
    Detection square = detection(1, 0.6f, 10, 0);

    // when
    List<Detection> kept = Nms.apply(List.of(square, circle), 0.45f, 100);

    // then
    assertThat(kept).containsExactly(circle, square);
  }

  @Test
  void boxes_overlapping_less_than_the_threshold_are_both_kept() {
    // given: IoU 50*100 / (2*10000 - 5000) = 0.33
    Detection left = detection(0, 0.9f, 0, 0);
    Detection right = detection(0, 0.8f, 50, 0);

    // when
    List<Detection> kept = Nms.apply(List.of(left, right), 0.45f, 100);

    // then
    assertThat(kept).containsExactly(left, right);
  }

  @Test
  void only_the_most_confident_max_detections_are_kept() {
    // given: three disjoint boxes
    Detection a = detection(0, 0.5f, 0, 0);
    Detection b = detection(0, 0.9f, 200, 0);
    Detection c = detection(0, 0.7f, 400, 0);

    // when
    List<Detection> kept = Nms.apply(List.of(a, b, c), 0.45f, 2);

    // then
    assertThat(kept).containsExactly(b, c);
  }
}
