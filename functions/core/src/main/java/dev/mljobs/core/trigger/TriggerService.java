package dev.mljobs.core.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mljobs.core.Clock;
import dev.mljobs.core.ListCursor;
import dev.mljobs.core.model.FieldError;
import dev.mljobs.core.model.TaskType;
import dev.mljobs.core.storage.InvalidRequestException;
import dev.mljobs.core.storage.OwnerSpaces;
import dev.mljobs.core.storage.S3Location;
import dev.mljobs.core.template.JobDefaults;
import dev.mljobs.core.template.JobTemplate;
import dev.mljobs.core.template.TemplateNotFoundException;
import dev.mljobs.core.template.TemplateService;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The use cases of triggers: create, read, list, edit, enable or disable, delete, and list the jobs
 * a trigger made. A trigger is checked when it is stored: its prefix stays inside its owner's
 * upload area, and its template makes a valid job from an object under that prefix.
 */
public final class TriggerService {

  /** How many triggers one owner may have. */
  public static final int MAX_TRIGGERS_PER_OWNER = 100;

  private final TriggerStore store;
  private final TemplateService templates;
  private final String dataBucket;
  private final String uploadsArea;
  private final Clock clock;
  private final Supplier<String> ids;

  /**
   * @param uploadsArea the area of the data bucket users upload into ({@code uploads/})
   */
  public TriggerService(
      TriggerStore store,
      TemplateService templates,
      String dataBucket,
      String uploadsArea,
      Clock clock,
      Supplier<String> ids) {
    this.store = store;
    this.templates = templates;
    this.dataBucket = dataBucket;
    this.uploadsArea = uploadsArea;
    this.clock = clock;
    this.ids = ids;
  }

  /**
   * @throws InvalidRequestException naming the field and the reason
   */
  public Trigger create(String owner, TriggerDraft draft) {
    check(owner, draft);
    if (store.list(owner).size() >= MAX_TRIGGERS_PER_OWNER) {
      throw invalid("name", "an owner may have at most " + MAX_TRIGGERS_PER_OWNER + " triggers");
    }
    var now = clock.now();
    return store.create(
        new Trigger(
            ids.get(),
            owner,
            draft.name(),
            draft.templateId(),
            draft.prefix(),
            draft.suffixes(),
            draft.enabled(),
            now,
            now,
            TriggerCounts.NONE));
  }

  public Optional<Trigger> find(String owner, String triggerId) {
    return store.find(owner, triggerId);
  }

  public List<Trigger> list(String owner) {
    return store.list(owner);
  }

  /**
   * Applies {@code change} and stores the trigger, checked as on creation. Enabling a trigger never
   * replays what arrived while it was disabled.
   *
   * @throws TriggerNotFoundException when the owner has no such trigger
   */
  public Trigger edit(String owner, String triggerId, UnaryOperator<TriggerDraft> change) {
    Trigger current = current(owner, triggerId);
    TriggerDraft draft = change.apply(current.draft());
    check(owner, draft);
    return store.update(current.with(draft, clock.now()));
  }

  /**
   * @throws TriggerNotFoundException when the owner has no such trigger
   */
  public void delete(String owner, String triggerId) {
    if (!store.delete(owner, triggerId)) {
      throw new TriggerNotFoundException(triggerId);
    }
  }

  /**
   * @throws TriggerNotFoundException when the owner has no such trigger
   */
  public TriggerJobPage jobs(String owner, String triggerId, ListCursor cursor, int limit) {
    current(owner, triggerId);
    return store.jobs(owner, triggerId, cursor, limit);
  }

  /** Where the trigger watches: {@code s3://<data bucket>/uploads/<owner>/<prefix>}. */
  public String uploadPrefix(Trigger trigger) {
    return "s3://" + dataBucket + "/" + areaKey(trigger.owner()) + trigger.prefix();
  }

  /** The key prefix of the owner's upload area. */
  String areaKey(String owner) {
    return uploadsArea + OwnerSpaces.segment(owner) + "/";
  }

  /** The params a template takes for one object: where its task expects its input. */
  static ObjectNode inputFor(JobTemplate template, String uri, String text) {
    ObjectNode params = JsonNodeFactory.instance.objectNode();
    ObjectNode input = params.putObject("input_data");
    if (isText(template)) {
      input.putArray("texts").add(text);
    } else {
      input.putArray("image_uris").add(uri);
    }
    return params;
  }

  static boolean isText(JobTemplate template) {
    JsonNode task = template.defaultParams().path("task_type");
    return TaskType.TXT2EMBED.wireName().equals(task.asText());
  }

  private Trigger current(String owner, String triggerId) {
    return store.find(owner, triggerId).orElseThrow(() -> new TriggerNotFoundException(triggerId));
  }

  private void check(String owner, TriggerDraft draft) {
    List<FieldError> problems = new ArrayList<>();
    String prefixProblem = S3Location.keyProblem(draft.prefix());
    if (prefixProblem != null) {
      problems.add(new FieldError("prefix", prefixProblem.replace("the key", "the prefix")));
    }
    for (String suffix : draft.suffixes()) {
      if (suffix.isEmpty() || suffix.length() > 32 || suffix.contains("/")) {
        problems.add(new FieldError("suffixes", "each suffix must be 1 to 32 characters, no /"));
        break;
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidRequestException(problems);
    }
    JobTemplate template;
    try {
      template =
          templates
              .find(owner, draft.templateId())
              .orElseThrow(() -> new TemplateNotFoundException(draft.templateId()));
    } catch (IllegalArgumentException | TemplateNotFoundException e) {
      throw invalid("template_id", "no such template");
    }
    if (!"inference".equals(template.jobType())) {
      throw invalid("template_id", "an item trigger's template must make inference jobs");
    }
    String sample = "s3://" + dataBucket + "/" + areaKey(owner) + draft.prefix() + "sample";
    try {
      templates.resolve(
          owner, draft.templateId(), inputFor(template, sample, "sample"), JobDefaults.NONE);
    } catch (InvalidRequestException e) {
      List<FieldError> fields = new ArrayList<>();
      e.errors()
          .forEach(f -> fields.add(new FieldError("template_id", f.field() + " " + f.message())));
      throw new InvalidRequestException(fields);
    } catch (dev.mljobs.core.template.ArchivedTemplateException e) {
      throw invalid("template_id", "the template is archived");
    }
  }

  private static InvalidRequestException invalid(String field, String message) {
    return new InvalidRequestException(List.of(new FieldError(field, message)));
  }
}
