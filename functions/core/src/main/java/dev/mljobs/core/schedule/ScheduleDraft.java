package dev.mljobs.core.schedule;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Optional;

/**
 * What a client asks a schedule to be, before it is checked: the body of {@code POST
 * /v1/schedules}, or an existing schedule with a {@code PATCH} laid over it.
 *
 * @param expression as EventBridge Scheduler accepts it: {@code cron(...)}, {@code rate(...)} or
 *     {@code at(...)}
 * @param timezone an IANA zone id, or {@code null} for UTC
 * @param enabled {@code null} for enabled
 * @param startAt the first instant a fire may happen at, or {@code null}
 * @param endAt the last instant a fire may happen at, or {@code null}
 * @param overlapPolicy {@code allow}, {@code skip}, {@code buffer_one} or {@code cancel_previous};
 *     {@code null} for allow
 */
public record ScheduleDraft(
    String name,
    String templateId,
    String expression,
    String timezone,
    Boolean enabled,
    ObjectNode paramOverrides,
    Instant startAt,
    Instant endAt,
    String description,
    String overlapPolicy,
    String catchupPolicy,
    Integer catchupMax) {

  /** The draft that describes {@code schedule} as it is. */
  public static ScheduleDraft of(Schedule schedule) {
    return new ScheduleDraft(
        schedule.name(),
        schedule.templateId(),
        schedule.expression().expression(),
        schedule.timezone().id(),
        schedule.enabled(),
        schedule.paramOverrides(),
        schedule.window().startDate().orElse(null),
        schedule.window().endDate().orElse(null),
        schedule.description(),
        schedule.overlapPolicy().wireName(),
        schedule.catchUp().policy().wireName(),
        schedule.catchUp().max());
  }

  /**
   * The expression, checked as EventBridge Scheduler checks it.
   *
   * @throws InvalidScheduleException naming {@code expression}
   */
  ScheduleExpression parsedExpression() {
    try {
      return ScheduleExpression.parse(expression);
    } catch (InvalidScheduleExpressionException e) {
      throw new InvalidScheduleException("expression", e.reason());
    }
  }

  /**
   * @throws InvalidScheduleException naming {@code timezone}
   */
  ScheduleTimeZone zone() {
    if (timezone == null) {
      return ScheduleTimeZone.UTC;
    }
    try {
      return new ScheduleTimeZone(timezone);
    } catch (IllegalArgumentException e) {
      throw new InvalidScheduleException(
          "timezone", "'" + timezone + "' is not an IANA time zone id, e.g. Europe/Berlin");
    }
  }

  /**
   * @throws InvalidScheduleException naming {@code end_at}
   */
  ScheduleWindow window() {
    if (startAt != null && endAt != null && !endAt.isAfter(startAt)) {
      throw new InvalidScheduleException("end_at", "must be after start_at");
    }
    return new ScheduleWindow(Optional.ofNullable(startAt), Optional.ofNullable(endAt));
  }

  /**
   * @throws InvalidScheduleException naming {@code overlap_policy}
   */
  OverlapPolicy overlap() {
    return overlapPolicy == null ? OverlapPolicy.ALLOW : OverlapPolicy.fromWire(overlapPolicy);
  }

  /**
   * @throws InvalidScheduleException naming {@code catchup_policy} or {@code catchup_max}
   */
  CatchUp catchUp() {
    return CatchUp.of(catchupPolicy, catchupMax);
  }

  /**
   * Checks every field that does not need storage: the expression, the zone, the window, and that a
   * one-time schedule is not in the past.
   *
   * @throws InvalidScheduleException naming the first wrong field
   */
  void check(Instant now) {
    ScheduleExpression parsed = parsedExpression();
    ScheduleTimeZone zone = zone();
    window();
    overlap();
    catchUp();
    if (parsed instanceof AtExpression at && !at.fireTime(zone.zoneId()).isAfter(now)) {
      throw new InvalidScheduleException(
          "expression", expression + " is in the past in " + zone.id() + "; it would never fire");
    }
    if (name == null || name.isBlank() || name.length() > 200) {
      throw new InvalidScheduleException("name", "is required: 1-200 characters");
    }
    if (description != null && description.length() > 2000) {
      throw new InvalidScheduleException("description", "must be at most 2000 characters");
    }
  }
}
