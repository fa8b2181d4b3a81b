package dev.mljobs.local.scheduler;

import static dev.mljobs.local.scheduler.Constraints.range;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One page of a list operation. The next token carries the cursor of the last item returned, not a
 * position, so that deleting items between two calls skips nothing.
 *
 * @param items this page's items
 * @param nextToken the token for the next page, or empty on the last page
 */
public record Page<T>(List<T> items, Optional<String> nextToken) {

  /** Copies the items. */
  public Page {
    items = List.copyOf(items);
    Objects.requireNonNull(nextToken, "nextToken must not be null");
  }

  /**
   * The page after {@code nextToken} of {@code all}.
   *
   * @param all every item, ordered by {@code cursor}
   * @param cursor a string per item, unique and increasing along {@code all}
   * @param maxResults 1 to 100, or null for 100
   * @param nextToken a token from an earlier page, or null for the first page
   * @throws SchedulerException a ValidationException for a bad size or token
   */
  static <T> Page<T> of(
      List<T> all, Function<T, String> cursor, Integer maxResults, String nextToken) {
    int size = range(maxResults == null ? 100 : maxResults, "maxResults", 1, 100);
    String after = nextToken == null ? null : decode(nextToken);
    List<T> rest =
        all.stream()
            .filter(item -> after == null || cursor.apply(item).compareTo(after) > 0)
            .toList();
    List<T> page = rest.subList(0, Math.min(size, rest.size()));
    Optional<String> next =
        rest.size() > size
            ? Optional.of(encode(cursor.apply(page.get(size - 1))))
            : Optional.empty();
    return new Page<>(page, next);
  }

  /** This page with each item mapped. */
  <R> Page<R> map(Function<T, R> mapper) {
    return new Page<>(items.stream().map(mapper).toList(), nextToken);
  }

  private static String encode(String cursor) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(cursor.getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String token) {
    try {
      return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw SchedulerException.validation("Invalid NextToken: " + token);
    }
  }
}
