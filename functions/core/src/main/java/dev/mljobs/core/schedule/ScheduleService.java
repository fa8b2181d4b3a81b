package dev.mljobs.core.schedule;

import dev.mljobs.core.Clock;
import dev.mljobs.core.ListCursor;
import dev.mljobs.core.model.FieldError;
import dev.mljobs.core.storage.InvalidRequestException;
import dev.mljobs.core.template.ArchivedTemplateException;
import dev.mljobs.core.template.JobDefaults;
import dev.mljobs.core.template.TemplateNotFoundException;
import dev.mljobs.core.template.TemplateService;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The use cases of schedules: create, read, list, change, enable, disable and delete. Each schedule
 * is stored here and mirrored by one schedule of the {@link ScheduleTriggers} (EventBridge
 * Scheduler), which fires it; stored first, so that a firing always finds its schedule.
 */
public final class ScheduleService {

  private static final int MAX_WRITE_TRIES = 5;

  private final ScheduleStore store;
  private final ScheduleTriggers triggers;
  private final TemplateService templates;
  private final Clock clock;
  private final Supplier<UUID> ids;

  public ScheduleService(
      ScheduleStore store,
      ScheduleTriggers triggers,
      TemplateService templates,
      Clock clock,
      Supplier<UUID> ids) {
    this.store = store;
    this.triggers = triggers;
    this.templates = templates;
    this.clock = clock;
    this.ids = ids;
  }

  /**
   * Creates a schedule of {@code owner} and its trigger.
   *
   * @throws InvalidScheduleException naming the wrong field
   * @throws TemplateNotFoundException when the owner has no such template
   * @throws ArchivedTemplateException when the template is archived
   */
  public Schedule create(String owner, ScheduleDraft draft) {
    // whole seconds: the Scheduler keeps the start of a rate() schedule to the second
    Instant now = clock.now().truncatedTo(ChronoUnit.SECONDS);
    draft.check(now);
    checkTemplate(owner, draft);
    Schedule schedule =
        Schedule.create(
            ids.get().toString(),
            draft.name(),
            draft.templateId(),
            draft.expression(),
            draft.zone().id(),
            draft.window(),
            draft.paramOverrides(),
            owner,
            now);
    schedule =
        schedule.change(
            schedule.name(),
            schedule.templateId(),
            schedule.expression(),
            schedule.timezone(),
            schedule.window(),
            schedule.paramOverrides(),
            draft.description(),
            draft.overlap(),
            draft.catchUp(),
            now);
    if (Boolean.FALSE.equals(draft.enabled())) {
      schedule = schedule.disable(now);
    }
    Schedule stored = store.create(schedule);
    try {
      triggers.put(stored);
    } catch (RuntimeException e) {
      store.delete(stored.scheduleId());
      throw e;
    }
    return stored;
  }

  /**
   * @throws ScheduleNotFoundException when the owner has no such schedule
   */
  public Schedule get(String owner, String scheduleId) {
    return store.find(owner, scheduleId).orElseThrow(() -> notFound(scheduleId));
  }

  public SchedulePage list(String owner, ListCursor after, int limit) {
    return store.list(owner, after, limit);
  }

  /**
   * Changes a schedule: {@code change} lays the request over the schedule as it is; the fire times
   * are computed again.
   *
   * @throws InvalidScheduleException naming the wrong field
   * @throws ScheduleNotFoundException when the owner has no such schedule
   */
  public Schedule update(String owner, String scheduleId, UnaryOperator<ScheduleDraft> change) {
    return write(
        owner,
        scheduleId,
        current -> {
          Instant now = clock.now();
          ScheduleDraft draft = change.apply(ScheduleDraft.of(current));
          draft.check(now);
          if (!draft.templateId().equals(current.templateId())
              || !java.util.Objects.equals(draft.paramOverrides(), current.paramOverrides())) {
            checkTemplate(owner, draft);
          }
          Schedule changed =
              current.change(
                  draft.name(),
                  draft.templateId(),
                  draft.parsedExpression(),
                  draft.zone(),
                  draft.window(),
                  draft.paramOverrides(),
                  draft.description(),
                  draft.overlap(),
                  draft.catchUp(),
                  now);
          if (draft.enabled() != current.enabled()) {
            changed = draft.enabled() ? changed.enable(now) : changed.disable(now);
          }
          return changed;
        });
  }

  /** Fires again from now on; fires missed while disabled are not made up. */
  public Schedule enable(String owner, String scheduleId) {
    return write(owner, scheduleId, s -> s.enable(clock.now()));
  }

  /** Stops firing, keeping {@code note} (who paused it and why). */
  public Schedule disable(String owner, String scheduleId, String note) {
    if (note != null && (note.isBlank() || note.length() > 2000)) {
      throw new InvalidScheduleException("note", "must be 1-2000 characters");
    }
    return write(owner, scheduleId, s -> s.disable(note, clock.now()));
  }

  /**
   * Removes the schedule and its trigger; its jobs and its firings stay.
   *
   * @throws ScheduleNotFoundException when the owner has no such schedule
   */
  public void delete(String owner, String scheduleId) {
    get(owner, scheduleId);
    triggers.delete(scheduleId);
    store.delete(scheduleId);
  }

  private Schedule write(String owner, String scheduleId, UnaryOperator<Schedule> change) {
    for (int attempt = 1; ; attempt++) {
      Schedule current = get(owner, scheduleId);
      Schedule changed = change.apply(current);
      try {
        Schedule stored = store.update(changed);
        triggers.put(stored);
        return stored;
      } catch (ConcurrentScheduleModificationException lostRace) {
        if (attempt == MAX_WRITE_TRIES) {
          throw lostRace;
        }
      }
    }
  }

  /**
   * The template must be the owner's and active, and the job it makes with the overrides must be
   * one the API accepts (the same checks as a submitted job).
   */
  private void checkTemplate(String owner, ScheduleDraft draft) {
    if (draft.templateId() == null) {
      throw new InvalidScheduleException("template_id", "is required");
    }
    try {
      templates.resolve(owner, draft.templateId(), draft.paramOverrides(), JobDefaults.NONE);
    } catch (InvalidRequestException refused) {
      FieldError first = refused.errors().get(0);
      throw new InvalidScheduleException(
          first.field().replaceFirst("^params", "param_overrides"), first.message());
    }
  }

  private static ScheduleNotFoundException notFound(String scheduleId) {
    return new ScheduleNotFoundException(scheduleId);
  }
}
