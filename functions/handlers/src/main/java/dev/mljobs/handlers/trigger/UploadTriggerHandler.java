package dev.mljobs.handlers.trigger;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3ObjectEntity;
import dev.mljobs.core.trigger.ObjectVersion;
import dev.mljobs.core.trigger.UploadTriggers;
import dev.mljobs.handlers.Services;
import dev.mljobs.handlers.Wiring;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Turns objects created in the owners' upload areas ({@code uploads/<owner>/…}) into the jobs of
 * the triggers watching them. It may be handed a notification twice or be retried after a crash:
 * {@link UploadTriggers} makes one job per trigger and object version all the same. A failure to
 * reach a store is thrown, so that Lambda retries the event.
 */
public final class UploadTriggerHandler implements RequestHandler<S3Event, String> {

  private final UploadTriggers triggers;

  /** Wires itself from the environment, once per cold start. */
  public UploadTriggerHandler() {
    this(new Wiring(System.getenv()));
  }

  public UploadTriggerHandler(Wiring wiring) {
    this(new Services(wiring).uploadTriggers());
  }

  public UploadTriggerHandler(UploadTriggers triggers) {
    this.triggers = triggers;
  }

  @Override
  public String handleRequest(S3Event event, Context context) {
    int created = 0;
    for (S3EventNotificationRecord record : event.getRecords()) {
      if (record.getEventName() == null || !record.getEventName().startsWith("ObjectCreated:")) {
        continue; // a delete makes nothing
      }
      S3ObjectEntity object = record.getS3().getObject();
      created +=
          triggers.objectCreated(
              new ObjectVersion(
                  record.getS3().getBucket().getName(),
                  URLDecoder.decode(object.getKey(), StandardCharsets.UTF_8),
                  object.getSizeAsLong() == null ? 0 : object.getSizeAsLong(),
                  object.geteTag(),
                  object.getVersionId(),
                  object.getSequencer()));
    }
    return "{\"jobs_created\":" + created + "}";
  }
}
