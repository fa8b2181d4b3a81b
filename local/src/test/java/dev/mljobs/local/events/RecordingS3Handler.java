package dev.mljobs.local.events;

import static dev.mljobs.testkit.Waits.patiently;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import dev.mljobs.testkit.Waits;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A function that records every S3 event it gets, and fails or waits as a test scripts it. */
final class RecordingS3Handler implements RequestHandler<S3Event, Void> {

  /** One invocation: the event and the request id its context carried. */
  record Call(S3Event event, String requestId) {

    S3EventNotificationRecord record() {
      return event.getRecords().get(0);
    }

    String key() {
      return record().getS3().getObject().getUrlDecodedKey();
    }
  }

  private final int failuresPerKey;
  private final CountDownLatch gate;
  private final List<Call> calls = new CopyOnWriteArrayList<>();

  private RecordingS3Handler(int failuresPerKey, CountDownLatch gate) {
    this.failuresPerKey = failuresPerKey;
    this.gate = gate;
  }

  static RecordingS3Handler succeeding() {
    return new RecordingS3Handler(0, new CountDownLatch(0));
  }

  /** Throws on the first {@code attempts} invocations for each key. */
  static RecordingS3Handler failingFirst(int attempts) {
    return new RecordingS3Handler(attempts, new CountDownLatch(0));
  }

  static RecordingS3Handler alwaysFailing() {
    return failingFirst(Integer.MAX_VALUE);
  }

  /** Returns only once {@code gate} opens (or after a generous deadline). */
  static RecordingS3Handler waitingFor(CountDownLatch gate) {
    return new RecordingS3Handler(0, gate);
  }

  @Override
  public Void handleRequest(S3Event event, Context context) {
    Call call = new Call(event, context.getAwsRequestId());
    calls.add(call);
    try {
      gate.await(Waits.GENEROUS.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (callsFor(call.key()).size() <= failuresPerKey) {
      throw new IllegalStateException("scripted failure");
    }
    return null;
  }

  /** The invocations for the object {@code key} (decoded), oldest first. */
  List<Call> callsFor(String key) {
    return calls.stream().filter(c -> c.key().equals(key)).toList();
  }

  /** The decoded keys of every invocation whose key contains {@code part}. */
  List<String> keysContaining(String part) {
    return calls.stream().map(Call::key).filter(k -> k.contains(part)).toList();
  }

  /**
   * Waits for {@code count} invocations for {@code key}.
   *
   * @throws org.awaitility.core.ConditionTimeoutException if they do not all come
   */
  List<Call> awaitCalls(String key, int count) {
    patiently(count + " calls for " + key).until(() -> callsFor(key).size() >= count);
    return callsFor(key);
  }
}
