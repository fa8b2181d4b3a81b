package dev.mljobs.worker.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelCacheTest {

  @Test
  void intra_op_threads_default_to_the_available_processors() {
    assertThat(ModelCache.intraOpThreads(Map.of()))
        .isEqualTo(Runtime.getRuntime().availableProcessors());
  }

  @Test
  void intra_op_threads_come_from_the_environment() {
    assertThat(ModelCache.intraOpThreads(Map.of("ORT_INTRA_OP_THREADS", "3"))).isEqualTo(3);
  }

  @Test
  void a_bad_intra_op_thread_count_is_refused_with_its_value() {
    assertThatThrownBy(() -> ModelCache.intraOpThreads(Map.of("ORT_INTRA_OP_THREADS", "0")))
        .hasMessageContaining("ORT_INTRA_OP_THREADS must be a positive integer: 0");
  }

  @Test
  void the_encoder_of_a_model_is_loaded_once_per_process() {
    assertThat(ModelCache.encoder(ModelSpec.ALL_MINILM_L6_V2))
        .isSameAs(ModelCache.encoder(ModelSpec.ALL_MINILM_L6_V2));
  }
}
