package dev.mljobs.core;

import java.util.regex.Pattern;

/** Argument checks whose messages name the field, in the wire (snake_case) spelling. */
public final class Require {

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}");

  private Require() {}

  public static <T> T present(T value, String field) {
    if (value == null) {
      throw new IllegalArgumentException(field + " is required");
    }
    return value;
  }

  public static String text(String value, String field, int maxLength) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " is required and must not be blank");
    }
    if (value.length() > maxLength) {
      throw new IllegalArgumentException(field + " must be at most " + maxLength + " characters");
    }
    return value;
  }

  /**
   * Like {@link #text} with the bound in UTF-8 bytes, for text kept as a storage key; a lone
   * surrogate is refused, since storing it would replace it and make two keys one.
   */
  public static String key(String value, String field, int maxBytes) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " is required and must not be blank");
    }
    if (!KeyLimits.fits(value, maxBytes)) {
      throw new IllegalArgumentException(
          field
              + " must be at most "
              + maxBytes
              + " bytes (UTF-8), got "
              + KeyLimits.utf8Length(value));
    }
    if (!StrictJson.isWellFormed(value)) {
      throw new IllegalArgumentException(field + " must not hold a lone surrogate");
    }
    return value;
  }

  /** Like {@link #key} but {@code null} is allowed. */
  public static String optionalKey(String value, String field, int maxBytes) {
    return value == null ? null : key(value, field, maxBytes);
  }

  /** Like {@link #text} but {@code null} is allowed. */
  public static String optionalText(String value, String field, int maxLength) {
    return value == null ? null : text(value, field, maxLength);
  }

  public static int range(int value, int min, int max, String field) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          field + " must be between " + min + " and " + max + ", got " + value);
    }
    return value;
  }

  /** An identifier chosen by a client or by us: 1-128 of letters, digits and {@code _.:-}. */
  public static String id(String value, String field) {
    present(value, field);
    if (!ID.matcher(value).matches()) {
      throw new IllegalArgumentException(
          field + " must be 1-128 bytes of letters, digits, '_', '.', ':' or '-'");
    }
    return value;
  }

  public static String optionalId(String value, String field) {
    return value == null ? null : id(value, field);
  }
}
