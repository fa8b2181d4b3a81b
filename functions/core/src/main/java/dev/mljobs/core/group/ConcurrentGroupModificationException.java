package dev.mljobs.core.group;

/** A group write carried a version that is no longer the stored one: read again, decide anew. */
public class ConcurrentGroupModificationException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ConcurrentGroupModificationException(String groupId, long expectedVersion) {
    super("group " + groupId + " was changed since version " + expectedVersion + " was read");
  }
}
