package dev.mljobs.core.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PageCursorTest {

  @Test
  void a_cursor_survives_encoding() {
    PageCursor cursor =
        new PageCursor(Instant.parse("2026-03-01T10:00:00.123456789Z"), UUID.randomUUID());
    assertThat(PageCursor.decode(cursor.encode())).isEqualTo(cursor);
  }

  @Test
  void sort_keys_order_as_the_instants_do_whatever_their_precision() {
    List<Instant> instants =
        List.of(
            Instant.parse("2026-03-01T10:00:00Z"),
            Instant.parse("2026-03-01T10:00:00.1Z"),
            Instant.parse("2026-03-01T10:00:00.000000001Z"),
            Instant.parse("2026-03-01T09:59:59.999Z"),
            Instant.parse("2025-12-31T23:59:59Z"));
    UUID id = UUID.randomUUID();
    List<Instant> byKey = new ArrayList<>(instants);
    byKey.sort(Comparator.comparing(i -> PageCursor.sortKey(i, id)));
    assertThat(byKey).isSortedAccordingTo(Comparator.naturalOrder());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "not-base64!",
        "djF8",
        "eyJwayI6IngifQ",
        "djJ8MjAyNi0wMy0wMVQxMDowMDowMC4wMDAwMDAwMDBaI3g"
      })
  void anything_but_a_cursor_we_issued_is_refused(String text) {
    assertThatThrownBy(() -> PageCursor.decode(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cursor is not valid");
  }
}
