package dev.mljobs.handlers.dispatch;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.mljobs.aws.sqs.Queues;
import dev.mljobs.core.Clock;
import dev.mljobs.core.job.TraceIds;
import dev.mljobs.handlers.observe.DeadLetterSends;
import dev.mljobs.handlers.observe.MetricsSink;
import dev.mljobs.handlers.observe.MetricsSink.Metric;
import dev.mljobs.handlers.observe.MetricsSink.Unit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The dispatcher's metrics: {@code QueueAge} (ms from the message's send to its dispatch, SQS's
 * {@code SentTimestamp}) and {@code DlqSends} (a failed dispatch on the message's last receive: SQS
 * moves it to the dead-letter queue next, after {@link Queues#MAX_RECEIVES} receives).
 */
public final class DispatchMetrics {

  private final MetricsSink sink;
  private final Clock clock;

  public DispatchMetrics(MetricsSink sink, Clock clock) {
    this.sink = sink;
    this.clock = clock;
  }

  /** The log fields of a dispatch: the job id, and the trace id the message carries. */
  static Map<String, Object> fields(UUID jobId, SQSEvent.SQSMessage message) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("job_id", jobId.toString());
    String trace = traceId(message);
    if (trace != null) {
      fields.put(TraceIds.FIELD, trace);
    }
    return fields;
  }

  void received(UUID jobId, SQSEvent.SQSMessage message) {
    String sent = attributes(message).get("SentTimestamp");
    if (sent == null || !sent.matches("\\d{1,19}")) {
      return;
    }
    long age = Math.max(0, clock.now().toEpochMilli() - Long.parseLong(sent));
    sink.emit(
        Map.of("Queue", Queues.JOBS.name()),
        List.of(new Metric("QueueAge", age, Unit.MILLISECONDS)),
        fields(jobId, message));
  }

  void failed(UUID jobId, SQSEvent.SQSMessage message) {
    new DeadLetterSends(sink).failed(Queues.JOBS.name(), message, fields(jobId, message));
  }

  private static Map<String, String> attributes(SQSEvent.SQSMessage message) {
    return message.getAttributes() == null ? Map.of() : message.getAttributes();
  }

  private static String traceId(SQSEvent.SQSMessage message) {
    var attributes = message.getMessageAttributes();
    var trace = attributes == null ? null : attributes.get(TraceIds.FIELD);
    return trace == null ? null : trace.getStringValue();
  }
}
