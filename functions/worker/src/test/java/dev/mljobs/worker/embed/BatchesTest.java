package dev.mljobs.worker.embed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BatchesTest {

  @Test
  void batches_group_texts_of_similar_length_shortest_first() {
    // given: token lengths of five texts
    int[] lengths = {30, 5, 12, 5, 40};

    // when
    List<int[]> batches = Batches.plan(lengths, 2);

    // then: equal lengths keep their order
    assertThat(batches).containsExactly(new int[] {1, 3}, new int[] {2, 0}, new int[] {4});
  }

  @Test
  void every_text_is_in_exactly_one_batch() {
    int[] lengths = new int[100];
    for (int i = 0; i < lengths.length; i++) {
      lengths[i] = (i * 37) % 23;
    }

    List<int[]> batches = Batches.plan(lengths, 32);

    assertThat(batches).hasSize(4);
    assertThat(batches.stream().flatMapToInt(java.util.Arrays::stream).sorted().toArray())
        .isEqualTo(java.util.stream.IntStream.range(0, 100).toArray());
  }
}
