package dev.mljobs.core.template;

import java.util.Locale;

/** A template is active until archived; archiving is final. */
public enum TemplateStatus {
  ACTIVE,
  ARCHIVED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The status of a wire name.
   *
   * @throws IllegalArgumentException ("status must be one of active, archived") otherwise
   */
  public static TemplateStatus fromWire(String wireName) {
    for (TemplateStatus status : values()) {
      if (status.wireName().equals(wireName)) {
        return status;
      }
    }
    throw new IllegalArgumentException("status must be one of active, archived");
  }

  @Override
  public String toString() {
    return wireName();
  }
}
