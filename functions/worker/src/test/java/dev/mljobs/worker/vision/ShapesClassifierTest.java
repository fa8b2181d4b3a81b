package dev.mljobs.worker.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ShapesClassifierTest {

  private static Classifier classifier;
  private static TestSet testSet;

  @BeforeAll
  static void loadModel() {
    classifier = new Classifier(TestModels.model("shapes-cls"));
    testSet = TestSet.load("shapes-cls-test.zip");
  }

  @Test
  void the_first_image_gives_the_published_java2d_logit() throws Exception {
    // when: 0000.png, 344x281, a triangle; Java2D bilinear gives logit 2.7392, p 0.9674
    float[] logits = classifier.logits(List.of(testSet.image("0000.png"))).get(0);
    ClassScore best = classifier.topK(logits, 1).get(0);

    // then
    assertThat(best.className()).isEqualTo("triangle");
    assertThat((double) logits[best.classId()]).isCloseTo(2.7392, within(0.002));
    assertThat((double) best.confidence()).isCloseTo(0.9674, within(0.001));
  }

  @Test
  void at_least_98_percent_of_the_200_test_shapes_are_recognised() throws Exception {
    // given
    List<String[]> rows = testSet.labels();
    int correct = 0;

    // when
    for (int start = 0; start < rows.size(); start += 25) {
      List<String[]> batch = rows.subList(start, Math.min(rows.size(), start + 25));
      List<List<ClassScore>> results =
          classifier.classify(batch.stream().map(r -> testSet.image(r[0])).toList(), 1);
      for (int i = 0; i < batch.size(); i++) {
        correct += results.get(i).get(0).className().equals(batch.get(i)[1]) ? 1 : 0;
      }
    }

    // then
    assertThat(rows).hasSize(200);
    assertThat(correct / 200.0).isGreaterThanOrEqualTo(0.98);
  }
}
