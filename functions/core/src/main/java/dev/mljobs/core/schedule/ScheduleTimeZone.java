package dev.mljobs.core.schedule;

import java.time.ZoneId;
import java.util.Objects;
import java.util.Set;

/**
 * The time zone a schedule's expression is evaluated in ({@code ScheduleExpressionTimezone}).
 *
 * <p>{@link ZoneId#of} alone is not enough: it also accepts offsets such as {@code +02:00} or
 * {@code UTC+2}, which are not IANA zone names and would not follow daylight-saving rules. So the
 * id must be one of the JDK's region ids (the IANA database, plus {@code UTC}/{@code GMT}).
 *
 * @param id an IANA time zone id, e.g. {@code Europe/Paris}
 */
public record ScheduleTimeZone(String id) {

  // Declared before UTC: static fields initialise in order, and UTC's constructor reads this.
  private static final Set<String> IANA_IDS = ZoneId.getAvailableZoneIds();

  /** EventBridge Scheduler's default when a schedule names no time zone. */
  public static final ScheduleTimeZone UTC = new ScheduleTimeZone("UTC");

  /** Checks that {@code id} names an IANA time zone. */
  public ScheduleTimeZone {
    Objects.requireNonNull(id, "timezone must not be null");
    if (!IANA_IDS.contains(id)) {
      throw new IllegalArgumentException(
          "Invalid timezone '"
              + id
              + "': timezone must be an IANA time zone id, e.g. Europe/Paris");
    }
  }

  /** The zone rules to evaluate the schedule with. */
  public ZoneId zoneId() {
    return ZoneId.of(id);
  }
}
