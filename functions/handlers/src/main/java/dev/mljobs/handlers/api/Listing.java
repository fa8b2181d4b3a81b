package dev.mljobs.handlers.api;

import dev.mljobs.core.ListCursor;

/** The paging parameters of the listings keyed by a time and an id (templates, runs). */
final class Listing {

  private Listing() {}

  /**
   * @throws Problem (400 on {@code limit}) unless it is an integer from 1 to {@code max}
   */
  static int limit(String value, int fallback, int max) {
    if (value == null) {
      return fallback;
    }
    try {
      int limit = Integer.parseInt(value);
      if (limit >= 1 && limit <= max) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw Problem.invalid("limit", "must be an integer from 1 to " + max);
  }

  /**
   * @return the cursor, or {@code null} without one
   * @throws Problem (400 on {@code cursor}) for text this API did not hand out
   */
  static ListCursor cursor(String value) {
    if (value == null) {
      return null;
    }
    try {
      return ListCursor.decode(value);
    } catch (IllegalArgumentException e) {
      throw Problem.invalid("cursor", "is not a cursor returned by this API");
    }
  }
}
