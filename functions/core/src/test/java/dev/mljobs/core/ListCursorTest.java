package dev.mljobs.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ListCursorTest {

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123456789Z");

  @Test
  void a_cursor_reads_back_and_orders_as_its_time_then_id() {
    ListCursor cursor = new ListCursor(T0, "5f0c1c1e-8a53-4a8e-9d0e-1f7d1b1b2c3d:2");
    assertThat(ListCursor.decode(cursor.encode())).isEqualTo(cursor);
    assertThat(ListCursor.sortKey(T0, "a"))
        .isLessThan(ListCursor.sortKey(T0, "b"))
        .isLessThan(ListCursor.sortKey(T0.plusNanos(1), "a"));
    assertThat(ListCursor.sortKey(Instant.parse("2026-03-01T10:00:00Z"), "z"))
        .isLessThan(ListCursor.sortKey(T0, "a"));
  }

  @Test
  void text_it_did_not_hand_out_is_not_a_cursor() {
    String longId = "l1|2026-03-01T10:00:00.000000000Z#" + "x".repeat(5000);
    for (String text :
        new String[] {
          "garbage",
          "",
          encode("v1|2026-03-01T10:00:00.000000000Z#a"),
          encode("l1|yesterday#a"),
          encode("l1|2026-03-01T10:00:00.000000000Z"),
          encode("l1|2026-03-01T10:00:00.000000000Z#a b"),
          encode(longId)
        }) {
      assertThatThrownBy(() -> ListCursor.decode(text))
          .as(text)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("cursor is not valid");
    }
  }

  private static String encode(String plain) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }
}
