package dev.mljobs.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScheduleTimeZoneTest {

  @ParameterizedTest
  @ValueSource(strings = {"Europe/Paris", "America/New_York", "Asia/Kolkata", "UTC"})
  void accepts_iana_zone_ids(String id) {
    // when
    ScheduleTimeZone zone = new ScheduleTimeZone(id);

    // then
    assertThat(zone.zoneId()).isEqualTo(ZoneId.of(id));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"Mars/Olympus", "+02:00", "UTC+2", "GMT+01:00", "CEST", "europe/paris", ""})
  void rejects_anything_else_naming_the_timezone_field(String id) {
    // when / then
    assertThatThrownBy(() -> new ScheduleTimeZone(id))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Invalid timezone '"
                + id
                + "': timezone must be an IANA time zone id, e.g. Europe/Paris");
  }

  @Test
  void defaults_to_utc_as_aws_does() {
    // when / then
    assertThat(ScheduleTimeZone.UTC.zoneId()).isEqualTo(ZoneId.of("UTC"));
  }
}
