package dev.mljobs.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StrictJsonTest {

  private static JsonAssert read(String text) {
    return new JsonAssert(text.getBytes(StandardCharsets.UTF_8));
  }

  private record JsonAssert(byte[] bytes) {
    void isRefusedBecause(String reason) {
      assertThatThrownBy(() -> StrictJson.read(bytes))
          .isInstanceOf(InvalidJsonException.class)
          .hasMessageStartingWith(reason);
    }
  }

  @Test
  void reads_one_value_nested_up_to_the_limit() {
    String deepest =
        "[".repeat(StrictJson.MAX_DEPTH) + "1" + "]".repeat(StrictJson.MAX_DEPTH) + " \n";
    assertThat(StrictJson.read(deepest).isArray()).isTrue();
    assertThat(StrictJson.read("{\"a\":\"caf\u00e9 \uD83D\uDE00\"}").get("a").asText())
        .isEqualTo("caf\u00e9 \uD83D\uDE00");
  }

  @Test
  void refuses_nesting_past_the_limit_even_ten_thousand_deep() {
    read("[".repeat(StrictJson.MAX_DEPTH + 1) + "]".repeat(StrictJson.MAX_DEPTH + 1))
        .isRefusedBecause("nests deeper than 64 levels");
    read("{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000))
        .isRefusedBecause("nests deeper than 64 levels");
    // unclosed, as an attacker would send it
    read("[".repeat(10_000)).isRefusedBecause("nests deeper than 64 levels");
  }

  @Test
  void refuses_content_after_the_value() {
    read("{\"job_type\":\"sleep\"} xyz").isRefusedBecause("is not valid JSON");
    read("{\"a\":1}{\"b\":2}").isRefusedBecause("has content after the JSON value");
    read("{\"a\":1} 2").isRefusedBecause("has content after the JSON value");
  }

  @Test
  void refuses_a_field_given_twice() {
    read("{\"priority\":1,\"priority\":9}").isRefusedBecause("has a field twice in one object");
    read("{\"params\":{\"seconds\":1,\"seconds\":2}}")
        .isRefusedBecause("has a field twice in one object");
  }

  @Test
  void refuses_bytes_that_are_not_utf8() {
    byte[] invalid = {'{', '"', 'k', '"', ':', '"', (byte) 0xff, '"', '}'};
    assertThatThrownBy(() -> StrictJson.read(invalid)).hasMessage("is not valid UTF-8");
    // an overlong '/' and an encoded surrogate (ED A0 80) are both invalid UTF-8
    byte[] overlong = {'"', (byte) 0xc0, (byte) 0xaf, '"'};
    byte[] surrogate = {'"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"'};
    assertThatThrownBy(() -> StrictJson.read(overlong)).hasMessage("is not valid UTF-8");
    assertThatThrownBy(() -> StrictJson.read(surrogate)).hasMessage("is not valid UTF-8");
  }

  @Test
  void refuses_lone_surrogates_escaped_or_in_text() {
    read("{\"idempotency_key\":\"a\\uD800\"}").isRefusedBecause("holds a string with a lone");
    read("{\"k\":\"\\uDC00b\"}").isRefusedBecause("holds a string with a lone");
    // Jackson itself refuses a lone surrogate in a field name; the check stays for other parsers
    assertThatThrownBy(() -> StrictJson.read("{\"\\uD800\":1}"))
        .isInstanceOf(InvalidJsonException.class);
    read("[[\"ok\", \"\\uDBFF\"]]").isRefusedBecause("holds a string with a lone");
    assertThat(StrictJson.read("\"\\uD83D\\uDE00\"").asText()).isEqualTo("\uD83D\uDE00");
    assertThatThrownBy(() -> StrictJson.read("{\"k\":\"a\uD800\"}"))
        .hasMessage("holds a lone surrogate (not valid Unicode)");
  }

  @Test
  void says_where_the_syntax_broke_without_quoting_the_input() {
    assertThatThrownBy(() -> StrictJson.read("{\"job_type\":\n secret}"))
        .hasMessageStartingWith("is not valid JSON (line 2, column ")
        .hasMessageNotContaining("secret");
    read("").isRefusedBecause("holds no JSON value");
  }

  @Test
  void tells_well_formed_text_from_lone_surrogates() {
    assertThat(StrictJson.isWellFormed("a\uD83D\uDE00b")).isTrue();
    assertThat(StrictJson.isWellFormed("a\uD83D")).isFalse();
    assertThat(StrictJson.isWellFormed("\uDE00\uD83D")).isFalse();
  }
}
