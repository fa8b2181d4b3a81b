package dev.mljobs.worker.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ShapesDetectorTest {

  private static Detector detector;
  private static TestSet testSet;

  @BeforeAll
  static void loadModel() {
    detector = new Detector(TestModels.model("shapes-det"));
    testSet = TestSet.load("shapes-det-test.zip");
  }

  @Test
  void the_first_scene_gives_the_published_boxes_in_original_pixels() throws Exception {
    // when: 0000.png, 424x361, with the default conf 0.25 and NMS 0.45
    List<Detection> found =
        detector.detect(List.of(testSet.image("0000.png")), DetectionSettings.DEFAULTS).get(0);

    // then: the README's Java results (class, score, box), most confident first
    float[][] expected = {
      {2, 0.978f, 188.2f, 126.9f, 308.4f, 244.8f},
      {1, 0.973f, 282.6f, 7.7f, 319.8f, 44.5f},
      {3, 0.967f, 367.0f, 12.0f, 406.3f, 51.4f},
      {2, 0.966f, 309.0f, 213.1f, 344.7f, 252.1f},
      {3, 0.959f, 149.2f, 89.1f, 192.5f, 131.6f},
    };
    assertThat(found).hasSize(5);
    for (int i = 0; i < 5; i++) {
      Detection d = found.get(i);
      float[] e = expected[i];
      assertThat(d.classId()).isEqualTo((int) e[0]);
      assertThat(d.confidence()).isCloseTo(e[1], within(0.002f));
      float[] box = {d.box().x1(), d.box().y1(), d.box().x2(), d.box().y2()};
      for (int k = 0; k < 4; k++) {
        assertThat(box[k]).isCloseTo(e[2 + k], within(0.3f));
      }
    }
  }

  @Test
  void the_test_scenes_reach_nearly_the_published_map() throws Exception {
    // given: COCO annotations, category_id = class index + 1, bbox [x, y, w, h]
    JsonNode coco = new ObjectMapper().readTree(testSet.bytes("annotations.json"));
    List<AveragePrecision.Labelled> truths = new ArrayList<>();
    for (JsonNode a : coco.path("annotations")) {
      JsonNode b = a.path("bbox");
      Box box =
          new Box(
              b.get(0).floatValue(),
              b.get(1).floatValue(),
              b.get(0).floatValue() + b.get(2).floatValue(),
              b.get(1).floatValue() + b.get(3).floatValue());
      truths.add(
          new AveragePrecision.Labelled(
              a.path("image_id").asInt(),
              new Detection(box, a.path("category_id").asInt() - 1, 1)));
    }

    // when
    List<AveragePrecision.Labelled> detections = new ArrayList<>();
    List<JsonNode> images = new ArrayList<>();
    coco.path("images").forEach(images::add);
    for (int start = 0; start < images.size(); start += 10) {
      List<JsonNode> batch = images.subList(start, Math.min(images.size(), start + 10));
      List<List<Detection>> found =
          detector.detect(
              batch.stream().map(i -> testSet.image(i.path("file_name").asText())).toList(),
              DetectionSettings.DEFAULTS);
      for (int i = 0; i < batch.size(); i++) {
        int imageId = batch.get(i).path("id").asInt();
        found.get(i).forEach(d -> detections.add(new AveragePrecision.Labelled(imageId, d)));
      }
    }

    // then: the README measured mAP@0.5 0.9973 and mAP@0.5:0.95 0.9383 (358 detections)
    assertThat(truths).hasSize(338);
    assertThat(detections).hasSizeBetween(338, 380);
    assertThat(AveragePrecision.mean(detections, truths, 4, 0.5f)).isGreaterThanOrEqualTo(0.99);
    assertThat(AveragePrecision.meanOverIous(detections, truths, 4)).isGreaterThanOrEqualTo(0.93);
  }
}
