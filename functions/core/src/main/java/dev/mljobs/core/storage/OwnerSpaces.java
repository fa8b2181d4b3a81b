package dev.mljobs.core.storage;

import dev.mljobs.core.KeyLimits;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which S3 prefixes each owner may name: in the data bucket, {@code <area><owner segment>/} for
 * each owner area (uploads, inputs, models), plus the prefixes an operator grants (for example
 * {@code alice=s3://acme-data/team-a/}). Results ({@code results/<job_id>/}) lie in no owner's
 * space: they are read through the API only.
 *
 * <p>An owner may be an IAM ARN or a token subject with {@code /}, {@code :} or other characters,
 * so it becomes one key segment by percent-encoding (UTF-8, upper-case hex) every byte outside
 * {@code A-Z a-z 0-9 . _ -}, and the dots of an owner made only of dots. The encoding is one-to-one
 * and never contains {@code /}, so owner {@code a} cannot reach {@code a/b}'s space ({@code
 * uploads/a%2Fb/}) nor {@code ab}'s ({@code uploads/ab/}).
 */
public final class OwnerSpaces {

  private final String dataBucket;
  private final List<String> areas;
  private final Map<String, List<S3Location>> grants;

  /**
   * @param areas the owner areas of the data bucket, each ending with {@code /}
   * @param grants more prefixes per owner
   * @throws IllegalArgumentException when a grant names the data bucket (whose layout is ours) or
   *     an area does not end with {@code /}
   */
  public OwnerSpaces(String dataBucket, List<String> areas, Map<String, List<S3Location>> grants) {
    this.dataBucket = dataBucket;
    this.areas = List.copyOf(areas);
    this.grants = Map.copyOf(grants);
    for (String area : this.areas) {
      if (!area.endsWith("/") || S3Location.keyProblem(area) != null) {
        throw new IllegalArgumentException("an owner area must be a key prefix ending in /");
      }
    }
    this.grants.forEach(
        (owner, prefixes) -> {
          for (S3Location prefix : prefixes) {
            if (prefix.bucket().equals(dataBucket)) {
              throw new IllegalArgumentException(
                  "a grant to "
                      + owner
                      + " names the data bucket "
                      + dataBucket
                      + ": its owner areas are given to every owner already, and results are"
                      + " read through the API only");
            }
          }
        });
  }

  /**
   * Whether {@code owner} can have a space: its {@link #segment} is at most {@value
   * KeyLimits#OWNER_SEGMENT_BYTES} bytes. Checked where an identity comes in, so that no request
   * reaches a key too long for S3.
   */
  public static boolean fitsAKey(String owner) {
    return owner != null
        && !owner.isEmpty()
        && segment(owner).length() <= KeyLimits.OWNER_SEGMENT_BYTES;
  }

  /**
   * The space of {@code owner}.
   *
   * @throws IllegalArgumentException when the owner does not {@link #fitsAKey}
   */
  public OwnerSpace of(String owner) {
    List<S3Location> prefixes = new ArrayList<>();
    String segment = segment(owner);
    if (segment.length() > KeyLimits.OWNER_SEGMENT_BYTES) {
      throw new IllegalArgumentException(
          "an owner must be at most "
              + KeyLimits.OWNER_SEGMENT_BYTES
              + " bytes as a key segment (percent-encoded UTF-8)");
    }
    for (String area : areas) {
      prefixes.add(new S3Location(dataBucket, area + segment + "/"));
    }
    prefixes.addAll(grants.getOrDefault(owner, List.of()));
    return new OwnerSpace(owner, prefixes);
  }

  /** The key of {@code name} in the area {@code area} of {@code owner}. */
  public String keyOf(String area, String owner, String name) {
    if (!areas.contains(area)) {
      throw new IllegalArgumentException("not an owner area: " + area);
    }
    return area + segment(owner) + "/" + name;
  }

  /**
   * The owner as one key segment (see the class comment).
   *
   * @throws IllegalArgumentException when the owner is empty
   */
  public static String segment(String owner) {
    if (owner == null || owner.isEmpty()) {
      throw new IllegalArgumentException("an owner is required");
    }
    boolean onlyDots = owner.chars().allMatch(c -> c == '.');
    StringBuilder out = new StringBuilder();
    for (byte b : owner.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      boolean plain =
          c >= 'A' && c <= 'Z'
              || c >= 'a' && c <= 'z'
              || c >= '0' && c <= '9'
              || c == '_'
              || c == '-'
              || c == '.' && !onlyDots;
      if (plain) {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        out.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }

  /**
   * The owner a key segment stands for, when it is the canonical {@link #segment} of one: {@code
   * inputs/<segment>/…} keys name their owner this way.
   */
  public static Optional<String> ownerOf(String segment) {
    try {
      String owner =
          java.net.URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
      return !owner.isEmpty() && segment(owner).equals(segment)
          ? Optional.of(owner)
          : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * Reads grants written as {@code owner=s3://bucket/prefix/;owner=s3://…} (an owner may appear
   * more than once; the owner is everything before {@code =s3://}).
   *
   * @throws IllegalArgumentException naming the entry that is wrong
   */
  public static Map<String, List<S3Location>> parseGrants(String text) {
    Map<String, List<S3Location>> grants = new LinkedHashMap<>();
    if (text == null) {
      return grants;
    }
    for (String entry : text.split(";")) {
      String e = entry.strip();
      if (e.isEmpty()) {
        continue;
      }
      int at = e.indexOf("=s3://");
      if (at < 1) {
        throw new IllegalArgumentException(
            "owner prefixes must read owner=s3://bucket/prefix/;…, got '" + e + "'");
      }
      S3Location prefix;
      try {
        prefix = S3Location.parse(e.substring(at + 1));
      } catch (IllegalArgumentException bad) {
        throw new IllegalArgumentException("owner prefix '" + e + "': " + bad.getMessage());
      }
      if (!prefix.isPrefix()) {
        throw new IllegalArgumentException("owner prefix '" + e + "' must end with /");
      }
      if (prefix.key().chars().anyMatch(Character::isWhitespace)) {
        // the worker's environment carries a space's prefixes separated by spaces
        throw new IllegalArgumentException("owner prefix '" + e + "' must not contain spaces");
      }
      grants.computeIfAbsent(e.substring(0, at), o -> new ArrayList<>()).add(prefix);
    }
    return grants;
  }
}
