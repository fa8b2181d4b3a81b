package dev.mljobs.core.trigger;

import java.time.Instant;
import java.util.UUID;

/**
 * A job a trigger made from one object version.
 *
 * @param objectId the digest of the object version ({@link ObjectVersion#id}): one record per
 *     trigger and object version
 * @param sourceUri the object's {@code s3://} URI
 * @param sourceEtag the object's ETag
 */
public record TriggerJob(
    String triggerId,
    String owner,
    String objectId,
    UUID jobId,
    Instant createdAt,
    String sourceUri,
    String sourceEtag) {}
