package dev.mljobs.core;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * A position in a newest-first listing of things with a time and a text id (templates, runs): the
 * last item of the previous page. Like {@link dev.mljobs.core.job.PageCursor} it carries no storage
 * key, so a client cannot use it to reach into another owner's partition.
 */
public record ListCursor(Instant at, String id) {

  /** Fixed width, so that the sort key orders as text exactly as the instants order. */
  private static final DateTimeFormatter SORTABLE =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

  private static final String VERSION = "l1|";

  /**
   * @throws IllegalArgumentException unless {@code id} is an id ({@link Require#id}): a cursor then
   *     always fits in a sort key, whatever text a client hands back
   */
  public ListCursor {
    if (at == null || id == null) {
      throw new IllegalArgumentException("cursor needs a time and an id");
    }
    try {
      Require.id(id, "cursor");
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("cursor is not valid", e);
    }
  }

  /** The text that orders items newest first when sorted descending: the time, then the id. */
  public static String sortKey(Instant at, String id) {
    return SORTABLE.format(at) + "#" + id;
  }

  public String sortKey() {
    return sortKey(at, id);
  }

  /**
   * Reads a sort key written by {@link #sortKey(Instant, String)}.
   *
   * @throws IllegalArgumentException ("cursor is not valid") for anything else
   */
  public static ListCursor fromSortKey(String sortKey) {
    try {
      int hash = sortKey.indexOf('#');
      if (hash < 0) {
        throw new IllegalArgumentException("cursor is not valid");
      }
      return new ListCursor(
          Instant.from(SORTABLE.parse(sortKey.substring(0, hash))), sortKey.substring(hash + 1));
    } catch (IllegalArgumentException | DateTimeParseException | NullPointerException e) {
      throw new IllegalArgumentException("cursor is not valid", e);
    }
  }

  /** The opaque text handed to clients. */
  public String encode() {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((VERSION + sortKey()).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Reads a cursor handed out by {@link #encode()}.
   *
   * @throws IllegalArgumentException ("cursor is not valid") for anything else
   */
  public static ListCursor decode(String text) {
    try {
      String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
      if (!plain.startsWith(VERSION)) {
        throw new IllegalArgumentException("cursor is not valid");
      }
      return fromSortKey(plain.substring(VERSION.length()));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("cursor is not valid", e);
    }
  }
}
