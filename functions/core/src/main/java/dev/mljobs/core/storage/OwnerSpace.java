package dev.mljobs.core.storage;

import java.util.List;
import java.util.Optional;

/**
 * The S3 prefixes one owner may name: its own areas of the data bucket and what an operator granted
 * it (see {@link OwnerSpaces}). Every S3 URI an owner's request names is checked against it when
 * the request arrives, and again by the worker before each read, so a manifest or a later job kind
 * cannot reach outside. The answer depends on the URI alone, never on whether an object is there.
 *
 * @param prefixes each ends with {@code /}
 */
public record OwnerSpace(String owner, List<S3Location> prefixes) {

  /** The field of the worker's payload that carries the prefixes (a list of s3:// URIs). */
  public static final String WORK_FIELD = "owner_space";

  /** The worker's environment variable that carries the prefixes, separated by spaces. */
  public static final String WORK_ENV = "OWNER_SPACE";

  /** No prefix at all: nothing in S3 may be read. */
  public static final OwnerSpace NONE = new OwnerSpace("", List.of());

  /**
   * @throws IllegalArgumentException when a prefix does not end with {@code /}
   */
  public OwnerSpace {
    prefixes = List.copyOf(prefixes);
    for (S3Location prefix : prefixes) {
      if (!prefix.isPrefix()) {
        throw new IllegalArgumentException("an owner space prefix must end with /: " + prefix);
      }
    }
  }

  /**
   * The space handed over as URIs (from {@link #uris()}).
   *
   * @throws IllegalArgumentException when one is not an s3:// prefix
   */
  public static OwnerSpace of(String owner, List<String> uris) {
    return new OwnerSpace(owner, uris.stream().map(S3Location::parse).toList());
  }

  /** The prefixes as {@code s3://} URIs. */
  public List<String> uris() {
    return prefixes.stream().map(S3Location::toString).toList();
  }

  /** Whether {@code location} lies inside this space. */
  public boolean contains(S3Location location) {
    return prefixes.stream().anyMatch(location::isWithin);
  }

  /**
   * Why {@code uri} may not be named by this owner, or empty when it may. The reason names the
   * URI's form or this owner's own prefixes, nothing about other owners or stored objects.
   */
  public Optional<String> problem(String uri) {
    S3Location location;
    try {
      location = S3Location.parse(uri);
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
    if (contains(location)) {
      return Optional.empty();
    }
    return Optional.of(
        prefixes.isEmpty()
            ? "is outside your space: no S3 location may be read here"
            : "is outside your space: it must lie under " + String.join(" or ", uris()));
  }
}
