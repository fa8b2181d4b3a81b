package dev.mljobs.worker.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DigitsClassifierTest {

  private static Classifier classifier;
  private static TestSet testSet;

  @BeforeAll
  static void loadModel() {
    classifier = new Classifier(TestModels.model("digits-cnn"));
    testSet = TestSet.load("digits-test.zip");
  }

  @Test
  void the_first_five_digits_give_the_published_top1_logit_and_probability() throws Exception {
    // given: the README's results for 0000.png..0004.png
    int[] top1 = {7, 2, 1, 0, 4};
    double[] logit = {4.5519, 4.5884, 4.7769, 4.6079, 4.1090};
    double[] probability = {0.9609, 0.9668, 0.9630, 0.9666, 0.9263};
    List<BufferedImage> images =
        List.of("0000.png", "0001.png", "0002.png", "0003.png", "0004.png").stream()
            .map(testSet::image)
            .toList();

    // when
    List<float[]> logits = classifier.logits(images);

    // then
    for (int i = 0; i < 5; i++) {
      ClassScore best = classifier.topK(logits.get(i), 1).get(0);
      assertThat(best.className()).isEqualTo(Integer.toString(top1[i]));
      assertThat((double) logits.get(i)[top1[i]]).isCloseTo(logit[i], within(0.00005));
      assertThat((double) best.confidence()).isCloseTo(probability[i], within(0.00005));
    }
  }

  @Test
  void at_least_99_6_percent_of_the_500_test_digits_are_recognised() throws Exception {
    // given
    List<String[]> rows = testSet.labels();
    int correct = 0;

    // when
    for (int start = 0; start < rows.size(); start += 100) {
      List<String[]> batch = rows.subList(start, Math.min(rows.size(), start + 100));
      List<List<ClassScore>> results =
          classifier.classify(batch.stream().map(r -> testSet.image(r[0])).toList(), 1);
      for (int i = 0; i < batch.size(); i++) {
        correct += results.get(i).get(0).className().equals(batch.get(i)[1]) ? 1 : 0;
      }
    }

    // then
    assertThat(rows).hasSize(500);
    assertThat(correct / 500.0).isGreaterThanOrEqualTo(0.996);
  }
}
