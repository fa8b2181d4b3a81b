package dev.mljobs.core.trigger;

import dev.mljobs.core.BlobStore;
import dev.mljobs.core.Clock;
import dev.mljobs.core.job.JobService;
import dev.mljobs.core.job.NewJob;
import dev.mljobs.core.storage.InvalidRequestException;
import dev.mljobs.core.storage.OwnerSpaces;
import dev.mljobs.core.template.ArchivedTemplateException;
import dev.mljobs.core.template.JobDefaults;
import dev.mljobs.core.template.JobTemplate;
import dev.mljobs.core.template.TemplateNotFoundException;
import dev.mljobs.core.template.TemplateService;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What an object created in an upload area makes: one job per enabled trigger of the area's owner
 * that watches it, exactly once per object version. The job is submitted with an idempotency key
 * derived from the trigger and the object version, then recorded on the trigger under the object
 * version's id; a redelivered notification or a handler retried after a crash at any point finds
 * the same job, and counts it once.
 */
public final class UploadTriggers {

  /** The largest text a {@code txt2embed} trigger reads from one object. */
  public static final int MAX_TEXT_BYTES = 64 * 1024;

  private final TriggerStore store;
  private final TemplateService templates;
  private final JobService jobs;
  private final BlobStore blobs;
  private final String dataBucket;
  private final String uploadsArea;
  private final Clock clock;

  public UploadTriggers(
      TriggerStore store,
      TemplateService templates,
      JobService jobs,
      BlobStore blobs,
      String dataBucket,
      String uploadsArea,
      Clock clock) {
    this.store = store;
    this.templates = templates;
    this.jobs = jobs;
    this.blobs = blobs;
    this.dataBucket = dataBucket;
    this.uploadsArea = uploadsArea;
    this.clock = clock;
  }

  /**
   * Makes the jobs of one created object.
   *
   * @return how many jobs this call made (0 for an object no trigger watches, or seen before)
   */
  public int objectCreated(ObjectVersion object) {
    if (!object.bucket().equals(dataBucket) || !object.key().startsWith(uploadsArea)) {
      return 0;
    }
    String[] parts = object.key().substring(uploadsArea.length()).split("/", 2);
    Optional<String> owner = parts.length < 2 ? Optional.empty() : OwnerSpaces.ownerOf(parts[0]);
    if (owner.isEmpty()) {
      return 0;
    }
    int made = 0;
    for (Trigger trigger : store.list(owner.get())) {
      if (trigger.enabled() && trigger.watches(parts[1]) && run(trigger, object)) {
        made++;
      }
    }
    return made;
  }

  private boolean run(Trigger trigger, ObjectVersion object) {
    String objectId = object.id();
    if (store.seen(trigger.triggerId(), objectId)) {
      return false;
    }
    NewJob request;
    try {
      JobTemplate template =
          templates
              .find(trigger.owner(), trigger.templateId())
              .orElseThrow(() -> new TemplateNotFoundException(trigger.templateId()));
      String text = TriggerService.isText(template) ? text(object) : null;
      request =
          templates.resolve(
              trigger.owner(),
              trigger.templateId(),
              TriggerService.inputFor(template, object.uri(), text),
              JobDefaults.NONE);
    } catch (TemplateNotFoundException | ArchivedTemplateException | InvalidRequestException e) {
      // the template went away or the object's text cannot be a job: nothing to run, said once
      System.err.printf(
          "trigger %s: no job for %s: %s%n", trigger.triggerId(), object.uri(), e.getMessage());
      return false;
    }
    NewJob keyed = withKey(request, "trigger:" + trigger.triggerId() + ":" + objectId);
    var job = jobs.submit(keyed).job();
    return store.record(
        new TriggerJob(
            trigger.triggerId(),
            trigger.owner(),
            objectId,
            job.jobId(),
            clock.now(),
            object.uri(),
            object.eTag()));
  }

  /** The object's text, strict UTF-8, at most {@link #MAX_TEXT_BYTES}. */
  private String text(ObjectVersion object) {
    if (object.size() > MAX_TEXT_BYTES) {
      throw invalid("the text is over " + MAX_TEXT_BYTES + " bytes (" + object.size() + ")");
    }
    byte[] bytes = blobs.get(object.uri());
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw invalid("the object is not UTF-8 text");
    }
  }

  private static InvalidRequestException invalid(String message) {
    return new InvalidRequestException(
        java.util.List.of(new dev.mljobs.core.model.FieldError("input", message)));
  }

  private static NewJob withKey(NewJob r, String key) {
    return new NewJob(
        r.jobType(),
        r.params(),
        r.priority(),
        r.maxAttempts(),
        r.timeoutSeconds(),
        r.ttlHours(),
        key,
        r.templateId(),
        r.scheduleId(),
        r.groupId(),
        r.owner(),
        r.traceId(),
        r.callbackUrl());
  }
}
