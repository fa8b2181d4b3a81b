package dev.mljobs.local.sfn;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * One page of a listing and the token of the next, if there is more.
 *
 * <p>A token holds the position of the last item it followed (a sequence number or an event id),
 * not an offset, so that items added while a client pages (new executions, new events) neither
 * repeat nor go missing.
 *
 * @param items this page's items, in the listing's order
 * @param nextToken the token for the next page, or null on the last page
 */
record Page<T>(List<T> items, String nextToken) {
  Page {
    items = List.copyOf(items);
  }

  /**
   * Cuts a page out of a listing.
   *
   * @param listing what is listed, written into the token so that a token of one listing is not
   *     taken for another's
   * @param ordered all items, in listing order
   * @param position each item's position, strictly increasing (or, if {@code descending},
   *     decreasing) along {@code ordered}
   * @param token the token of the previous page, if any
   * @throws ApiException InvalidToken when the token is not one of this listing's
   */
  static <T> Page<T> of(
      String listing,
      List<T> ordered,
      ToLongFunction<T> position,
      boolean descending,
      int size,
      Optional<String> token) {
    int from = 0;
    if (token.isPresent()) {
      long after = decode(listing, token.get());
      while (from < ordered.size()
          && (descending
              ? position.applyAsLong(ordered.get(from)) >= after
              : position.applyAsLong(ordered.get(from)) <= after)) {
        from++;
      }
    }
    int to = Math.min(ordered.size(), from + size);
    List<T> items = ordered.subList(from, to);
    String next =
        to < ordered.size()
            ? encode(listing, position.applyAsLong(items.get(items.size() - 1)))
            : null;
    return new Page<>(items, next);
  }

  private static String encode(String listing, long position) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((listing + ":" + position).getBytes(StandardCharsets.UTF_8));
  }

  private static long decode(String listing, String token) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      if (text.startsWith(listing + ":")) {
        return Long.parseLong(text.substring(listing.length() + 1));
      }
    } catch (IllegalArgumentException malformed) {
      // falls through to the API's answer for any token it did not issue
    }
    throw new ApiException("InvalidToken", "Invalid Token: '" + token + "'");
  }
}
