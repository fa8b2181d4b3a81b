package dev.mljobs.local.events;

import static dev.mljobs.testkit.Waits.patiently;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3Entity;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import dev.mljobs.aws.s3.Buckets;
import dev.mljobs.local.aws.LocalAws;
import dev.mljobs.local.aws.LocalAwsConfig;
import dev.mljobs.local.aws.LocalClients;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/** S3 → Lambda notifications of the local S3, caused through the real S3 client. */
class S3NotificationsIT {

  // Lambda's two retries, 50 ms and 100 ms after a failure instead of 1 and 2 minutes.
  private static final AsyncRetryPolicy FAST_RETRIES =
      new AsyncRetryPolicy(2, Duration.ofMillis(50));

  private static final RecordingS3Handler INPUTS = RecordingS3Handler.succeeding();
  private static final RecordingS3Handler FLAKY = RecordingS3Handler.failingFirst(2);
  private static final RecordingS3Handler BROKEN = RecordingS3Handler.alwaysFailing();
  private static final CountDownLatch SLOW_GATE = new CountDownLatch(1);
  private static final RecordingS3Handler SLOW = RecordingS3Handler.waitingFor(SLOW_GATE);
  private static final RecordingS3Handler ARTIFACTS = RecordingS3Handler.succeeding();

  private static LocalAws aws;
  private static S3Notifications notifications;
  private static String data;
  private static String artifacts;

  @BeforeAll
  static void start() {
    aws = LocalAws.start(LocalAwsConfig.inMemory());
    data = LocalAws.bucketNames().data();
    artifacts = LocalAws.bucketNames().artifacts();
    notifications =
        new S3Notifications(
            LocalClients.REGION.id(),
            List.of(
                new BucketNotificationConfiguration(
                    data,
                    List.of(
                        config("new-inputs", new KeyFilter(Buckets.INPUTS, ".json"), INPUTS),
                        config("flaky", KeyFilter.prefix(Buckets.RESULTS + "flaky/"), FLAKY),
                        config("broken", KeyFilter.prefix(Buckets.RESULTS + "broken/"), BROKEN),
                        config("slow", KeyFilter.prefix(Buckets.RESULTS + "slow/"), SLOW))),
                new BucketNotificationConfiguration(
                    artifacts, List.of(config("all-artifacts", KeyFilter.ANY, ARTIFACTS)))),
            FAST_RETRIES);
    aws.addS3Listener(notifications);
  }

  @AfterAll
  static void stop() {
    SLOW_GATE.countDown();
    notifications.close();
    aws.close();
  }

  /**
   * Waits until every notification so far was delivered or dropped, retries included: after that no
   * further call can come, so counting the calls shows one too many.
   */
  private static void settled() {
    patiently("every notification delivered or dropped").until(() -> notifications.pending() == 0);
  }

  private static LambdaFunctionConfiguration config(
      String id, KeyFilter filter, RecordingS3Handler handler) {
    return new LambdaFunctionConfiguration(
        id,
        Set.of("s3:ObjectCreated:*"),
        filter,
        new LambdaTarget("fn-" + id, handler, Duration.ofSeconds(30)));
  }

  @Test
  void a_put_under_the_prefix_and_suffix_reaches_the_function_once_as_s3_would_send_it() {
    // given
    String folder = Buckets.INPUTS + UUID.randomUUID();
    String key = folder + "/résumé of job 1.json";
    byte[] body = "{\"text\":\"hello\"}".getBytes(StandardCharsets.UTF_8);
    Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    // when
    PutObjectResponse put =
        aws.s3().putObject(b -> b.bucket(data).key(key), RequestBody.fromBytes(body));

    // then
    RecordingS3Handler.Call call = INPUTS.awaitCalls(key, 1).get(0);
    assertThat(call.event().getRecords()).hasSize(1);
    S3EventNotificationRecord record = call.record();
    assertThat(record.getEventVersion()).isEqualTo("2.1");
    assertThat(record.getEventSource()).isEqualTo("aws:s3");
    assertThat(record.getAwsRegion()).isEqualTo("us-east-1");
    assertThat(record.getEventName()).isEqualTo("ObjectCreated:Put");
    assertThat(Instant.ofEpochMilli(record.getEventTime().getMillis()))
        .isBetween(before, Instant.now());
    S3Entity s3 = record.getS3();
    assertThat(s3.getConfigurationId()).isEqualTo("new-inputs");
    assertThat(s3.getBucket().getName()).isEqualTo("mljobs-data");
    assertThat(s3.getBucket().getArn()).isEqualTo("arn:aws:s3:::mljobs-data");
    assertThat(s3.getObject().getKey()).isEqualTo(folder + "/r%C3%A9sum%C3%A9+of+job+1.json");
    assertThat(s3.getObject().getUrlDecodedKey()).isEqualTo(key);
    assertThat(s3.getObject().getSizeAsLong()).isEqualTo(body.length);
    assertThat(s3.getObject().geteTag()).isEqualTo(put.eTag().replace("\"", ""));
    assertThat(s3.getObject().getSequencer()).matches("[0-9A-F]{16}");
    settled();
    assertThat(INPUTS.callsFor(key)).hasSize(1);
  }

  @Test
  void keys_outside_the_prefix_or_suffix_invoke_nothing() {
    // given
    String id = UUID.randomUUID().toString();
    List<String> outside =
        List.of(
            Buckets.INPUTS + id + "/table.csv",
            Buckets.INPUTS + id + "/upper.JSON",
            Buckets.INPUTS + id + "/old.json.bak",
            Buckets.MODELS + id + "/config.json");
    String inside = Buckets.INPUTS + id + "/control.json";

    // when
    for (String key : outside) {
      aws.s3().putObject(b -> b.bucket(data).key(key), RequestBody.fromString("{}"));
    }
    aws.s3().putObject(b -> b.bucket(data).key(inside), RequestBody.fromString("{}"));

    // then: the later control arrives, and nothing else in the time a delivery takes
    INPUTS.awaitCalls(inside, 1);
    settled();
    assertThat(INPUTS.keysContaining(id)).containsExactly(inside);
  }

  @Test
  void a_completed_multipart_upload_invokes_the_function_once() {
    // given: a first part of S3's minimum size and a short last one
    String key = Buckets.MODELS + UUID.randomUUID() + "/model.onnx";
    byte[] first = new byte[5 * 1024 * 1024];
    byte[] last = "end".getBytes(StandardCharsets.UTF_8);
    String uploadId = aws.s3().createMultipartUpload(b -> b.bucket(artifacts).key(key)).uploadId();
    List<CompletedPart> parts =
        List.of(uploadPart(key, uploadId, 1, first), uploadPart(key, uploadId, 2, last));

    // when
    CompleteMultipartUploadResponse completed =
        aws.s3()
            .completeMultipartUpload(
                b ->
                    b.bucket(artifacts)
                        .key(key)
                        .uploadId(uploadId)
                        .multipartUpload(m -> m.parts(parts)));

    // then
    S3EventNotificationRecord record = ARTIFACTS.awaitCalls(key, 1).get(0).record();
    assertThat(record.getEventName()).isEqualTo("ObjectCreated:CompleteMultipartUpload");
    assertThat(record.getS3().getConfigurationId()).isEqualTo("all-artifacts");
    assertThat(record.getS3().getObject().getSizeAsLong()).isEqualTo(first.length + last.length);
    assertThat(record.getS3().getObject().geteTag())
        .isEqualTo(completed.eTag().replace("\"", ""))
        .endsWith("-2");
    settled();
    assertThat(ARTIFACTS.callsFor(key)).hasSize(1);
    assertThat(ARTIFACTS.keysContaining(uploadId)).as("s3proxy's upload bookkeeping").isEmpty();
  }

  private static CompletedPart uploadPart(String key, String uploadId, int number, byte[] bytes) {
    String eTag =
        aws.s3()
            .uploadPart(
                b -> b.bucket(artifacts).key(key).uploadId(uploadId).partNumber(number),
                RequestBody.fromBytes(bytes))
            .eTag();
    return CompletedPart.builder().partNumber(number).eTag(eTag).build();
  }

  @Test
  void a_copy_invokes_the_function_of_its_destination() {
    // given: a source under no configuration
    String id = UUID.randomUUID().toString();
    String source = Buckets.MODELS + id + ".onnx";
    String target = "copies/" + id + ".onnx";
    PutObjectResponse original =
        aws.s3().putObject(b -> b.bucket(data).key(source), RequestBody.fromString("weights"));

    // when
    CopyObjectResponse copy =
        aws.s3()
            .copyObject(
                b ->
                    b.sourceBucket(data)
                        .sourceKey(source)
                        .destinationBucket(artifacts)
                        .destinationKey(target));

    // then
    S3EventNotificationRecord record = ARTIFACTS.awaitCalls(target, 1).get(0).record();
    assertThat(record.getEventName()).isEqualTo("ObjectCreated:Copy");
    assertThat(record.getS3().getBucket().getName()).isEqualTo(artifacts);
    assertThat(record.getS3().getObject().getSizeAsLong()).isEqualTo("weights".length());
    assertThat(record.getS3().getObject().geteTag())
        .isEqualTo(copy.copyObjectResult().eTag().replace("\"", ""))
        .isEqualTo(original.eTag().replace("\"", ""));
    settled();
    assertThat(ARTIFACTS.keysContaining(id)).containsExactly(target);
  }

  @Test
  void a_function_that_fails_twice_then_succeeds_gets_the_same_event_three_times() {
    // given
    String key = Buckets.RESULTS + "flaky/" + UUID.randomUUID() + ".json";

    // when
    aws.s3().putObject(b -> b.bucket(data).key(key), RequestBody.fromString("{}"));

    // then: as Lambda retries an asynchronous invocation, under one request id
    List<RecordingS3Handler.Call> calls = FLAKY.awaitCalls(key, 3);
    assertThat(calls)
        .extracting(RecordingS3Handler.Call::requestId)
        .containsOnly(calls.get(0).requestId());
    assertThat(calls)
        .extracting(c -> c.record().getS3().getObject().getSequencer())
        .containsOnly(calls.get(0).record().getS3().getObject().getSequencer());
    settled();
    assertThat(FLAKY.callsFor(key)).hasSize(3);
  }

  @Test
  void the_put_succeeds_when_the_function_always_fails() {
    // given
    String key = Buckets.RESULTS + "broken/" + UUID.randomUUID() + ".json";

    // when
    PutObjectResponse put =
        aws.s3().putObject(b -> b.bucket(data).key(key), RequestBody.fromString("{\"ok\":1}"));

    // then: stored and readable, and the function tried once plus two retries
    assertThat(put.eTag()).isNotBlank();
    assertThat(aws.s3().getObjectAsBytes(b -> b.bucket(data).key(key)).asUtf8String())
        .isEqualTo("{\"ok\":1}");
    BROKEN.awaitCalls(key, 3);
    settled();
    assertThat(BROKEN.callsFor(key)).hasSize(3);
  }

  @Test
  void the_put_is_answered_while_the_function_still_runs() {
    // given: a function that runs until the gate opens
    String key = Buckets.RESULTS + "slow/" + UUID.randomUUID() + ".json";

    try {
      // when
      aws.s3().putObject(b -> b.bucket(data).key(key), RequestBody.fromString("{}"));

      // then: answered with the gate still closed, so the function had not returned
      assertThat(notifications.pending()).isPositive();
      SLOW.awaitCalls(key, 1);
      assertThat(notifications.pending()).isPositive();
    } finally {
      SLOW_GATE.countDown();
    }
    settled();
    assertThat(SLOW.callsFor(key)).hasSize(1);
  }
}
