package dev.mljobs.worker.embed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ThrottledListenerTest {

  @Test
  void batches_are_reported_at_most_once_a_second() throws InterruptedException {
    // given
    AtomicLong nanos = new AtomicLong();
    List<String> reported = new ArrayList<>();
    BatchListener listener =
        new ThrottledListener(
            (done, total) -> reported.add(done + "/" + total), Duration.ofSeconds(1), nanos::get);

    // when: batches end at 0.4 s, 1.0 s, 1.5 s, 2.1 s
    for (long millis : new long[] {400, 1000, 1500, 2100}) {
      nanos.set(millis * 1_000_000);
      listener.batchDone((int) millis / 100, 30);
    }

    // then
    assertThat(reported).containsExactly("10/30", "21/30");
  }
}
