package dev.mljobs.core.job;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ErrorMessagesTest {

  @Test
  void a_message_that_fits_is_kept_as_it_is() {
    String fits = "x".repeat(ErrorMessages.MAX_LENGTH);
    assertThat(ErrorMessages.fit(fits)).isSameAs(fits);
    assertThat(ErrorMessages.fit(null)).isNull();
  }

  @Test
  void an_over_long_message_keeps_its_head_and_tail_around_a_marker_of_what_was_left_out() {
    // given: 10,000 characters whose every position is recognisable
    StringBuilder text = new StringBuilder();
    for (int i = 0; text.length() < 10_000; i++) {
      text.append(String.format(java.util.Locale.ROOT, "%05d;", i));
    }
    String message = "first line: what failed\n" + text.substring(0, 10_000) + "\nroot cause";
    // when
    String kept = ErrorMessages.fit(message);
    // then
    assertThat(kept.length()).isBetween(ErrorMessages.MAX_LENGTH - 2, ErrorMessages.MAX_LENGTH);
    assertThat(kept).startsWith("first line: what failed\n").endsWith("\nroot cause");
    int left = message.length() - (kept.length() - markerLength(kept));
    assertThat(kept)
        .contains(String.format(java.util.Locale.ROOT, " [… %,d characters left out …] ", left));
    String[] parts = kept.split(" \\[… [0-9,]+ characters left out …\\] ");
    assertThat(parts).hasSize(2);
    assertThat(message).startsWith(parts[0]).endsWith(parts[1]);
    assertThat(parts[0].length()).isGreaterThan(parts[1].length());
  }

  @Test
  void a_cut_never_splits_a_surrogate_pair() {
    String emoji = "\uD83D\uDE00"; // one code point, two chars
    for (int shift = 0; shift < 2; shift++) {
      String message = "a".repeat(shift) + emoji.repeat(5000);
      String kept = ErrorMessages.fit(message);
      assertThat(kept.length()).isLessThanOrEqualTo(ErrorMessages.MAX_LENGTH);
      assertThat(
              kept.codePoints().filter(cp -> Character.getType(cp) == Character.SURROGATE).count())
          .as("no lone surrogate")
          .isZero();
    }
  }

  private static int markerLength(String kept) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile(" \\[… [0-9,]+ characters left out …\\] ").matcher(kept);
    assertThat(m.find()).isTrue();
    return m.group().length();
  }
}
