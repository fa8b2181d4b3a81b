package dev.mljobs.handlers.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.mljobs.handlers.observe.MetricsSink;
import dev.mljobs.testkit.SettableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The dispatcher's queue age and dead-letter sends, from the message's own attributes. */
class DispatchMetricsTest {

  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  private final List<MetricsSink.Metric> emitted = new ArrayList<>();
  private final List<Map<String, Object>> fields = new ArrayList<>();
  private final DispatchMetrics metrics =
      new DispatchMetrics(
          (d, m, p) -> {
            emitted.addAll(m);
            fields.add(p);
          },
          new SettableClock(NOW));
  private final UUID jobId = UUID.randomUUID();

  @Test
  void the_queue_age_is_the_time_since_the_message_was_sent() {
    // when
    metrics.received(jobId, message(NOW.minusMillis(1500), 1, "Root=1-abc"));
    // then
    assertThat(emitted)
        .containsExactly(new MetricsSink.Metric("QueueAge", 1500, MetricsSink.Unit.MILLISECONDS));
    assertThat(fields.get(0))
        .containsEntry("job_id", jobId.toString())
        .containsEntry("trace_id", "Root=1-abc");
  }

  @Test
  void a_failure_on_the_last_receive_counts_as_a_dead_letter_send_and_earlier_ones_do_not() {
    // when
    metrics.failed(jobId, message(NOW, 4, null));
    metrics.failed(jobId, message(NOW, 5, null));
    // then
    assertThat(emitted)
        .containsExactly(new MetricsSink.Metric("DlqSends", 1, MetricsSink.Unit.COUNT));
    assertThat(fields.get(0)).doesNotContainKey("trace_id");
  }

  @Test
  void a_message_without_attributes_emits_nothing() {
    // given
    SQSEvent.SQSMessage bare = new SQSEvent.SQSMessage();
    // when
    metrics.received(jobId, bare);
    metrics.failed(jobId, bare);
    // then
    assertThat(emitted).isEmpty();
  }

  private static SQSEvent.SQSMessage message(Instant sent, int receives, String trace) {
    SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
    message.setAttributes(
        Map.of(
            "SentTimestamp",
            Long.toString(sent.toEpochMilli()),
            "ApproximateReceiveCount",
            Integer.toString(receives)));
    if (trace != null) {
      SQSEvent.MessageAttribute attribute = new SQSEvent.MessageAttribute();
      attribute.setDataType("String");
      attribute.setStringValue(trace);
      message.setMessageAttributes(Map.of("trace_id", attribute));
    }
    return message;
  }
}
