package dev.mljobs.local.runtime;

import dev.mljobs.aws.s3.Buckets;
import dev.mljobs.handlers.trigger.S3TriggerHandler;
import dev.mljobs.handlers.trigger.UploadTriggerHandler;
import dev.mljobs.local.aws.LocalAws;
import dev.mljobs.local.aws.LocalClients;
import dev.mljobs.local.events.AsyncRetryPolicy;
import dev.mljobs.local.events.BucketNotificationConfiguration;
import dev.mljobs.local.events.KeyFilter;
import dev.mljobs.local.events.LambdaFunctionConfiguration;
import dev.mljobs.local.events.LambdaTarget;
import dev.mljobs.local.events.S3Notifications;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The bucket notification the stack sets up in AWS: job request files uploaded under {@code
 * inputs/} of the data bucket go to the S3 trigger function, objects created under {@code uploads/}
 * to the upload trigger function.
 */
final class Uploads {

  static final String TRIGGER_FUNCTION = "mljobs-s3-trigger";

  private Uploads() {}

  static final String UPLOAD_TRIGGER_FUNCTION = "mljobs-upload-trigger";

  static S3Notifications notifications(S3TriggerHandler trigger, UploadTriggerHandler uploads) {
    return new S3Notifications(
        LocalClients.REGION.id(),
        List.of(
            new BucketNotificationConfiguration(
                LocalAws.bucketNames().data(),
                List.of(
                    new LambdaFunctionConfiguration(
                        "job-requests",
                        Set.of("s3:ObjectCreated:*"),
                        new KeyFilter(S3TriggerHandler.PREFIX, S3TriggerHandler.SUFFIX),
                        new LambdaTarget(TRIGGER_FUNCTION, trigger, Duration.ofSeconds(60))),
                    new LambdaFunctionConfiguration(
                        "upload-triggers",
                        Set.of("s3:ObjectCreated:*"),
                        KeyFilter.prefix(Buckets.UPLOADS),
                        new LambdaTarget(
                            UPLOAD_TRIGGER_FUNCTION, uploads, Duration.ofSeconds(60)))))),
        AsyncRetryPolicy.LAMBDA);
  }
}
