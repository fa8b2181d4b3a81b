package dev.mljobs.core.group;

/** A change the group's state does not allow, e.g. reordering members that already started. */
public class GroupConflictException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public GroupConflictException(String message) {
    super(message);
  }
}
