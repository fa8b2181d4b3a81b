package dev.mljobs.local.events;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.RequestParametersEntity;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.ResponseElementsEntity;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3BucketEntity;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3Entity;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3ObjectEntity;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.UserIdentityEntity;
import dev.mljobs.local.aws.S3ObjectCreated;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** A created object as the record of the event S3 sends a function: one record per event. */
final class S3Events {

  // S3 always writes milliseconds, also when they are zero (ISO_INSTANT would drop them).
  private static final DateTimeFormatter EVENT_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  // The local S3 has one account and one caller; S3 names them by their canonical ids.
  private static final String PRINCIPAL = "AWS:LOCAL";
  private static final String OWNER = "LOCAL";

  private S3Events() {}

  /**
   * The key as S3 writes it into a record (and matches filters against it): form-encoded, so a
   * space becomes {@code +} and a {@code +} {@code %2B}, with UTF-8 escapes, but {@code /} kept.
   */
  static String encodedKey(String key) {
    return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
  }

  static S3Event toEvent(S3ObjectCreated created, String configurationId, String region) {
    String bucket = created.bucket();
    S3Entity s3 =
        new S3Entity(
            configurationId,
            new S3BucketEntity(bucket, new UserIdentityEntity(OWNER), "arn:aws:s3:::" + bucket),
            new S3ObjectEntity(
                encodedKey(created.key()),
                created.size(),
                created.eTag(),
                null, // versionId: the local buckets are not versioned
                created.sequencer()),
            "1.0");
    return new S3Event(
        List.of(
            new S3EventNotificationRecord(
                region,
                created.operation().eventName(),
                "aws:s3",
                EVENT_TIME.format(created.eventTime()),
                "2.1",
                new RequestParametersEntity("127.0.0.1"),
                new ResponseElementsEntity(hostId(), requestId()),
                s3,
                new UserIdentityEntity(PRINCIPAL))));
  }

  /** Like S3's {@code x-amz-request-id}: 16 upper-case hex digits. */
  private static String requestId() {
    return UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase(Locale.ROOT);
  }

  /** Like S3's {@code x-amz-id-2}: an opaque base64 token. */
  private static String hostId() {
    byte[] token = new byte[48];
    ThreadLocalRandom.current().nextBytes(token);
    return Base64.getEncoder().encodeToString(token);
  }
}
