package dev.mljobs.local.events;

/**
 * S3's object key name filter: a {@code prefix} and a {@code suffix} rule, either empty for none.
 * As in S3 they are compared with the key as it appears in the event record, URL-encoded: a space
 * is written {@code +} in a filter, other special characters percent-encoded ({@code /} stays).
 *
 * @param prefix what a key must start with
 * @param suffix what a key must end with
 */
public record KeyFilter(String prefix, String suffix) {

  /** No rule: every key. */
  public static final KeyFilter ANY = new KeyFilter("", "");

  /** Turns a missing rule into the empty one. */
  public KeyFilter {
    prefix = prefix == null ? "" : prefix;
    suffix = suffix == null ? "" : suffix;
  }

  /** Keys under {@code prefix}. */
  public static KeyFilter prefix(String prefix) {
    return new KeyFilter(prefix, "");
  }

  /** Whether a key, URL-encoded as in an event record, passes both rules. */
  public boolean matches(String encodedKey) {
    return encodedKey.startsWith(prefix) && encodedKey.endsWith(suffix);
  }

  /** Whether some key could pass both filters: S3's test for overlapping configurations. */
  boolean overlaps(KeyFilter other) {
    return (prefix.startsWith(other.prefix) || other.prefix.startsWith(prefix))
        && (suffix.endsWith(other.suffix) || other.suffix.endsWith(suffix));
  }
}
