package dev.mljobs.handlers.observe;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.mljobs.aws.sqs.Queues;
import dev.mljobs.handlers.observe.MetricsSink.Metric;
import dev.mljobs.handlers.observe.MetricsSink.Unit;
import java.util.List;
import java.util.Map;

/**
 * {@code DlqSends}: a message whose handling failed on its last receive ({@link
 * Queues#MAX_RECEIVES}), which SQS moves to the queue's dead-letter queue next. SQS itself reports
 * no such count; the dead-letter queue's depth says how many wait there, this says when each went.
 */
public final class DeadLetterSends {

  private final MetricsSink sink;

  public DeadLetterSends(MetricsSink sink) {
    this.sink = sink;
  }

  /**
   * Counts the failed message if it was its last receive.
   *
   * @param queue the queue's logical name (a dimension)
   * @param fields the log fields of what the message was about
   */
  public void failed(String queue, SQSEvent.SQSMessage message, Map<String, Object> fields) {
    String receives =
        message.getAttributes() == null
            ? null
            : message.getAttributes().get("ApproximateReceiveCount");
    if (receives != null
        && receives.matches("\\d{1,9}")
        && Integer.parseInt(receives) >= Queues.MAX_RECEIVES) {
      sink.emit(Map.of("Queue", queue), List.of(new Metric("DlqSends", 1, Unit.COUNT)), fields);
    }
  }
}
