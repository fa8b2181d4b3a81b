package dev.mljobs.core.template;

/**
 * A write carried a version that is no longer the stored one: the template was changed since that
 * version was read.
 */
public final class ConcurrentTemplateModificationException extends RuntimeException {

  private static final long serialVersionUID = 1L;
  private final long expectedVersion;

  public ConcurrentTemplateModificationException(String templateId, long expectedVersion) {
    super(
        "template "
            + templateId
            + " was changed by someone else since version "
            + expectedVersion
            + " was read");
    this.expectedVersion = expectedVersion;
  }

  public long expectedVersion() {
    return expectedVersion;
  }
}
