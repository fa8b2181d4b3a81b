package dev.mljobs.core.job;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.UUID;

/**
 * A position in a newest-first listing: the last job of the previous page. It carries no storage
 * key, so a client cannot use a cursor to reach into another owner's partition.
 */
public record PageCursor(Instant createdAt, UUID jobId) {

  /** Fixed width, so that the sort key orders as text exactly as the instants order. */
  private static final DateTimeFormatter SORTABLE =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

  private static final String VERSION = "v1|";

  public PageCursor {
    if (createdAt == null || jobId == null) {
      throw new IllegalArgumentException("cursor needs created_at and job_id");
    }
  }

  public static PageCursor after(Job job) {
    return new PageCursor(job.createdAt(), job.jobId());
  }

  /** The text that orders jobs newest first when sorted descending: created_at, then job_id. */
  public static String sortKey(Instant createdAt, UUID jobId) {
    return SORTABLE.format(createdAt) + "#" + jobId;
  }

  public String sortKey() {
    return sortKey(createdAt, jobId);
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
  public static PageCursor decode(String text) {
    try {
      String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
      if (!plain.startsWith(VERSION)) {
        throw new IllegalArgumentException("cursor is not valid");
      }
      String[] parts = plain.substring(VERSION.length()).split("#", -1);
      if (parts.length != 2) {
        throw new IllegalArgumentException("cursor is not valid");
      }
      return new PageCursor(Instant.from(SORTABLE.parse(parts[0])), UUID.fromString(parts[1]));
    } catch (IllegalArgumentException | DateTimeParseException | NullPointerException e) {
      throw new IllegalArgumentException("cursor is not valid", e);
    }
  }
}
