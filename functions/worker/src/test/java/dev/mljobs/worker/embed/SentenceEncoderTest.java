package dev.mljobs.worker.embed;

import static dev.mljobs.worker.embed.Vectors.cosine;
import static dev.mljobs.worker.embed.Vectors.maxAbsDifference;
import static dev.mljobs.worker.embed.Vectors.norm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.mljobs.worker.Device;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SentenceEncoderTest {

  private static final BatchListener IGNORE = (done, total) -> {};
  private static final List<String> SENTENCES =
      List.of(
          "The weather is lovely today.",
          "It's so sunny outside!",
          "He drove to the stadium.",
          "A man is playing a guitar on the stage, and the crowd sings along with him.",
          "Quarterly revenue grew by 12% while operating costs stayed flat.",
          "Hi",
          "Die Katze schläft auf dem Sofa.",
          "");

  private static SentenceEncoder encoder;

  @BeforeAll
  static void loadTheModelOnce() {
    encoder = ModelCache.encoder(ModelSpec.ALL_MINILM_L6_V2, null);
  }

  @Test
  void reproduces_the_similarities_published_by_sentence_transformers()
      throws InterruptedException {
    // given: the example of sbert.net's usage page, whose similarities are 0.6660, 0.1046, 0.1411
    List<String> sentences = SENTENCES.subList(0, 3);

    // when
    float[][] v = encoder.encode(sentences, 32, IGNORE).vectors();

    // then
    assertThat(cosine(v[0], v[1])).isCloseTo(0.6660, within(0.00005));
    assertThat(cosine(v[0], v[2])).isCloseTo(0.1046, within(0.00005));
    assertThat(cosine(v[1], v[2])).isCloseTo(0.1411, within(0.00005));
  }

  @Test
  void embeddings_have_the_model_dimensions_and_unit_norm() throws InterruptedException {
    float[][] v = encoder.encode(SENTENCES, 32, IGNORE).vectors();

    assertThat(v.length).isEqualTo(SENTENCES.size());
    for (float[] vector : v) {
      assertThat(vector).hasSize(384);
      assertThat(norm(vector)).isCloseTo(1.0, within(1e-6));
    }
  }

  @Test
  void a_text_gets_the_same_vector_alone_and_in_batches_of_any_size() throws InterruptedException {
    // given
    float[][] together = encoder.encode(SENTENCES, 32, IGNORE).vectors();
    float[][] inPairs = encoder.encode(SENTENCES, 2, IGNORE).vectors();

    for (int i = 0; i < SENTENCES.size(); i++) {
      // when
      float[] alone = encoder.encode(List.of(SENTENCES.get(i)), 1, IGNORE).vectors()[0];

      // then: padding to a longer neighbour changes nothing but rounding
      assertThat(maxAbsDifference(alone, together[i])).as(SENTENCES.get(i)).isLessThan(1e-5);
      assertThat(maxAbsDifference(alone, inPairs[i])).as(SENTENCES.get(i)).isLessThan(1e-5);
    }
  }

  @Test
  void vectors_come_back_in_the_order_of_the_texts() throws InterruptedException {
    // given: the texts are run shortest first, which is not the order they were given in
    List<String> reversed = new ArrayList<>(SENTENCES);
    Collections.reverse(reversed);

    // when
    float[][] forward = encoder.encode(SENTENCES, 3, IGNORE).vectors();
    float[][] backward = encoder.encode(reversed, 3, IGNORE).vectors();

    // then
    for (int i = 0; i < SENTENCES.size(); i++) {
      float[] same = backward[SENTENCES.size() - 1 - i];
      assertThat(maxAbsDifference(forward[i], same)).as(SENTENCES.get(i)).isLessThan(1e-5);
    }
  }

  @Test
  void texts_longer_than_256_tokens_are_cut_and_reported() throws InterruptedException {
    // given: 400 words are about 400 tokens
    String long400 = String.join(" ", Collections.nCopies(100, "the quick brown fox"));
    List<String> texts = List.of("short one", long400, "another short one", long400 + " again");

    // when
    Embeddings embeddings = encoder.encode(texts, 32, IGNORE);

    // then
    assertThat(embeddings.truncated()).containsExactly(1, 3);
    assertThat(norm(embeddings.vectors()[1])).isCloseTo(1.0, within(1e-6));
  }

  @Test
  void progress_is_told_after_each_batch() throws InterruptedException {
    // given: batches of 3, 3 and 2 texts, which parallel runs may finish in any order
    List<Integer> told = new ArrayList<>();

    // when
    encoder.encode(
        SENTENCES,
        3,
        (done, total) -> {
          assertThat(total).isEqualTo(8);
          told.add(done);
        });

    // then
    assertThat(told).hasSize(3).isSorted().endsWith(8);
    assertThat(told.get(0)).isIn(2, 3);
  }

  @Test
  void parallel_runs_give_the_vectors_of_one_run_at_a_time() throws InterruptedException {
    // given: one batch at a time with two threads inside, and two batches at once
    try (SentenceEncoder sequential =
            ModelLoader.load(
                ModelSpec.ALL_MINILM_L6_V2, new EncoderSettings(2, 1, Device.CPU), Map.of());
        SentenceEncoder parallel =
            ModelLoader.load(
                ModelSpec.ALL_MINILM_L6_V2, new EncoderSettings(1, 2, Device.CPU), Map.of())) {
      // when
      float[][] one = sequential.encode(SENTENCES, 1, IGNORE).vectors();
      float[][] two = parallel.encode(SENTENCES, 1, IGNORE).vectors();

      // then
      for (int i = 0; i < SENTENCES.size(); i++) {
        assertThat(maxAbsDifference(one[i], two[i])).as(SENTENCES.get(i)).isLessThan(1e-5);
      }
    }
  }

  @Test
  void a_listener_that_says_stop_stops_parallel_runs() {
    // given: 400 texts in batches of one, on two parallel runs
    List<String> many = Collections.nCopies(50, SENTENCES).stream().flatMap(List::stream).toList();
    AtomicInteger told = new AtomicInteger();
    try (SentenceEncoder parallel =
        ModelLoader.load(
            ModelSpec.ALL_MINILM_L6_V2, new EncoderSettings(1, 2, Device.CPU), Map.of())) {
      // when / then
      assertThatThrownBy(
              () ->
                  parallel.encode(
                      many,
                      1,
                      (done, total) -> {
                        if (told.incrementAndGet() == 3) {
                          throw new InterruptedException("cancelled");
                        }
                      }))
          .isInstanceOf(InterruptedException.class);
      assertThat(told).hasValue(3);
    }
  }
}
